import { Cache, cached } from '../../src';

// The unit tests drive a fake clock; this checks the defaults against the real one, with waits of a few ms.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Class: Cache (real clock)', () => {
  it('expires an entry after its TTL on the real clock', async () => {
    const cache = new Cache<number>({ ttl: 5 });
    let n = 0;
    const loader = async () => ++n;

    await cache.get('k', loader);
    const fresh = await cache.get('k', loader);
    await sleep(15);
    const reloaded = await cache.get('k', loader);

    expect(fresh).toBe(1);
    expect(reloaded).toBe(2);
  });

  it('shares one slow load between concurrent callers', async () => {
    let calls = 0;
    const slow = cached(
      async () => {
        calls++;
        await sleep(5);
        return 'done';
      },
      { ttl: 1_000 },
    );

    const results = await Promise.all(Array.from({ length: 20 }, () => slow()));

    expect(new Set(results)).toEqual(new Set(['done']));
    expect(calls).toBe(1);
  });
});
