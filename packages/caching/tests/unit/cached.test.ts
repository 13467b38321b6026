import { CacheKeyError, CacheOptionsError, cached } from '../../src';

describe('Function: cached', () => {
  it('memoizes an async function per argument list', async () => {
    // Prepare
    const load = jest.fn(async (id: string, currency: string) => `${id}:${currency}`);
    const getPrice = cached(load, { ttl: 60_000 });

    // Act
    const a1 = await getPrice('a', 'EUR');
    const a2 = await getPrice('a', 'EUR');
    const b = await getPrice('b', 'EUR');

    // Assess
    expect([a1, a2, b]).toEqual(['a:EUR', 'a:EUR', 'b:EUR']);
    expect(load).toHaveBeenCalledTimes(2);
    expect(getPrice.stats()).toMatchObject({ hits: 1, misses: 2, loads: 2 });
  });

  it('memoizes a function without arguments', async () => {
    const load = jest.fn(async () => ({ rate: 1.1 }));
    const getRates = cached(load, { ttl: 60_000 });

    const first = await getRates();
    const second = await getRates();

    expect(second).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('expires results after the TTL', async () => {
    let now = 1_000_000;
    let n = 0;
    const next = cached(async () => ++n, { ttl: 100, clock: () => now });

    await next();
    now += 101;

    expect(await next()).toBe(2);
  });

  it('shares one call between concurrent callers with the same arguments', async () => {
    let release!: (value: string) => void;
    const load = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const fn = cached(load, { ttl: 60_000 });

    const calls = [fn(), fn()];
    await Promise.resolve();
    await Promise.resolve();
    release('once');

    expect(await Promise.all(calls)).toEqual(['once', 'once']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('uses a custom key function', async () => {
    const load = jest.fn(async (order: { id: string; note: string }) => order.note);
    const fn = cached(load, { ttl: 60_000, key: (order) => order.id });

    const first = await fn({ id: '1', note: 'first' });
    const second = await fn({ id: '1', note: 'ignored: same key' });

    expect([first, second]).toEqual(['first', 'first']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets one argument list on invalidate() and everything on clear()', async () => {
    let n = 0;
    const fn = cached(async (id: string) => `${id}${++n}`, { ttl: 60_000 });
    await fn('a');
    await fn('b');

    const existed = fn.invalidate('a');
    const a = await fn('a');
    const b = await fn('b');
    fn.clear();
    const bAgain = await fn('b');

    expect(existed).toBe(true);
    expect(a).toBe('a3');
    expect(b).toBe('b2');
    expect(bAgain).toBe('b4');
    expect(fn.cache.size).toBe(1);
  });

  it('serves the last result when a refresh fails', async () => {
    let now = 1_000_000;
    let fail = false;
    const warn = jest.fn();
    const fn = cached(
      async () => {
        if (fail) throw new Error('down');
        return 'good';
      },
      { ttl: 100, clock: () => now, logger: { warn } },
    );
    await fn();
    now += 101;
    fail = true;

    expect(await fn()).toBe('good');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('refresh failed'), expect.any(Object));
  });

  it('passes the loader error through unchanged when there is no earlier result', async () => {
    const boom = new RangeError('nope');
    const fn = cached(async () => Promise.reject(boom), { ttl: 60_000 });

    await expect(fn()).rejects.toBe(boom);
  });

  it('rejects arguments that cannot be turned into a key, and says how to fix it', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const fn = cached(async (_value: unknown) => 'x', { ttl: 60_000 });

    await expect(fn(circular)).rejects.toThrow(CacheKeyError);
    await expect(fn(circular)).rejects.toThrow(/Pass a `key` function to cached\(\)/);
    await expect(fn(10n)).rejects.toThrow(/BigInt/);
  });

  it('rejects a key function that does not return a string', async () => {
    const fn = cached(async (n: number) => n, {
      ttl: 60_000,
      key: ((n: number) => n) as unknown as (n: number) => string,
    });

    await expect(fn(1)).rejects.toThrow('the key function returned number, not a string');
    expect(() => fn.invalidate(1)).toThrow(CacheKeyError);
  });

  it('rejects a bad ttl when created', () => {
    expect(() => cached(async () => 1, { ttl: 0 })).toThrow(CacheOptionsError);
  });

  it('names its cache after the function, for log lines', () => {
    async function loadRates() {
      return 1;
    }
    expect(cached(loadRates, { ttl: 1 }).cache.name).toBe('loadRates');
    expect(cached(loadRates, { ttl: 1, name: 'rates' }).cache.name).toBe('rates');
  });
});
