import { Cache, cached } from '../../src';

// The unit tests inject a clock; these check the default one (performance.now, in milliseconds).
// No assertion needs the machine to be fast: Jest's fake timers move performance.now exactly, and
// the real-clock checks only need real time to pass, never that it did not.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Class: Cache (default clock)', () => {
  afterEach(() => jest.useRealTimers());

  it('reads performance.now in milliseconds: fresh until the TTL, reloaded after it', async () => {
    // Prepare: only performance is faked, so promises, timers and the loader run as usual.
    jest.useFakeTimers({
      doNotFake: [
        'Date',
        'hrtime',
        'nextTick',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    jest.advanceTimersByTime(1_000); // lru-cache reads a load time of 0 as "no TTL"
    const cache = new Cache<number>({ ttl: 5 });
    let n = 0;
    const loader = async () => ++n;

    // Act
    const first = await cache.get('k', loader);
    jest.advanceTimersByTime(5);
    const atTtl = await cache.get('k', loader);
    jest.advanceTimersByTime(1);
    const afterTtl = await cache.get('k', loader);

    // Assess
    expect([first, atTtl, afterTtl]).toEqual([1, 1, 2]);
  });

  it('expires an entry once its TTL has passed on the real clock', async () => {
    const cache = new Cache<number>({ ttl: 5 });
    let n = 0;
    const loader = async () => ++n;

    await cache.get('k', loader);
    await sleep(20); // at least 20 ms pass, however loaded the machine

    expect(await cache.get('k', loader)).toBe(2);
  });

  it('keeps an entry within its TTL on the real clock', async () => {
    // A minute of TTL: no stall between two awaits comes near it.
    const cache = new Cache<number>({ ttl: 60_000 });
    let n = 0;
    const loader = async () => ++n;

    await cache.get('k', loader);

    expect(await cache.get('k', loader)).toBe(1);
  });

  it('shares one slow load between concurrent callers', async () => {
    let calls = 0;
    const slow = cached(
      async () => {
        calls++;
        await sleep(5);
        return 'done';
      },
      { ttl: 60_000 },
    );

    const results = await Promise.all(Array.from({ length: 20 }, () => slow()));

    expect(results).toEqual(Array.from({ length: 20 }, () => 'done'));
    expect(calls).toBe(1);
  });
});
