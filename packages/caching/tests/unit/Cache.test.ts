import { Cache, CacheOptionsError, type CacheLogger } from '../../src';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function silentLogger(): CacheLogger & { warn: jest.Mock } {
  return { warn: jest.fn() };
}

describe('Class: Cache', () => {
  describe('hits, misses and TTL', () => {
    it('loads on a miss and serves the cached value within the TTL', async () => {
      // Prepare
      const time = fakeClock();
      const cache = new Cache<string>({ ttl: 1_000, clock: time.clock });
      const loader = jest.fn(async (key: string) => `value of ${key}`);

      // Act
      const first = await cache.get('a', loader);
      time.advance(999);
      const second = await cache.get('a', loader);

      // Assess
      expect(first).toBe('value of a');
      expect(second).toBe('value of a');
      expect(loader).toHaveBeenCalledTimes(1);
      expect(loader).toHaveBeenCalledWith('a');
      expect(cache.stats()).toEqual({ hits: 1, misses: 1, stale: 0, loads: 1, errors: 0 });
    });

    it('loads again once the TTL has passed', async () => {
      const time = fakeClock();
      const cache = new Cache<number>({ ttl: 1_000, clock: time.clock });
      let n = 0;
      const loader = jest.fn(async () => ++n);

      await cache.get('a', loader);
      time.advance(1_001);
      const value = await cache.get('a', loader);

      expect(value).toBe(2);
      expect(loader).toHaveBeenCalledTimes(2);
      expect(cache.stats()).toMatchObject({ hits: 0, misses: 2, loads: 2 });
    });

    it('lets an entry set its own TTL', async () => {
      const time = fakeClock();
      const cache = new Cache<string>({ ttl: 60_000, clock: time.clock });
      const short = jest.fn(async () => 'short');
      const long = jest.fn(async () => 'long');

      await cache.get('short', short, { ttl: 100 });
      await cache.get('long', long);
      time.advance(101);
      await cache.get('short', short, { ttl: 100 });
      await cache.get('long', long);

      expect(short).toHaveBeenCalledTimes(2);
      expect(long).toHaveBeenCalledTimes(1);
    });

    it('never expires an entry whose TTL is Infinity', async () => {
      const time = fakeClock();
      const cache = new Cache<string>({ ttl: Infinity, clock: time.clock });
      const loader = jest.fn(async () => 'forever');

      await cache.get('a', loader);
      time.advance(365 * 24 * 3_600_000);
      await cache.get('a', loader);

      expect(loader).toHaveBeenCalledTimes(1);
    });

    it('uses a 5-minute TTL by default', async () => {
      const time = fakeClock();
      const cache = new Cache<string>({ clock: time.clock });
      const loader = jest.fn(async () => 'x');

      await cache.get('a', loader);
      time.advance(299_999);
      await cache.get('a', loader);
      expect(loader).toHaveBeenCalledTimes(1);
      time.advance(2);
      await cache.get('a', loader);
      expect(loader).toHaveBeenCalledTimes(2);
    });

    it('caches undefined and null results, and values from synchronous loaders', async () => {
      const cache = new Cache<string | null | undefined>({ ttl: 1_000 });
      const none = jest.fn(() => undefined);
      const nil = jest.fn(async () => null);

      expect(await cache.get('none', none)).toBeUndefined();
      expect(await cache.get('none', none)).toBeUndefined();
      expect(await cache.get('nil', nil)).toBeNull();
      expect(await cache.get('nil', nil)).toBeNull();

      expect(none).toHaveBeenCalledTimes(1);
      expect(nil).toHaveBeenCalledTimes(1);
    });
  });

  describe('single-flight', () => {
    it('calls the loader once for concurrent misses of one key', async () => {
      const cache = new Cache<string>({ ttl: 1_000 });
      const pending = deferred<string>();
      const loader = jest.fn(() => pending.promise);

      const calls = [cache.get('a', loader), cache.get('a', loader), cache.get('a', loader)];
      pending.resolve('shared');
      const values = await Promise.all(calls);

      expect(values).toEqual(['shared', 'shared', 'shared']);
      expect(loader).toHaveBeenCalledTimes(1);
      expect(cache.stats()).toMatchObject({ misses: 3, loads: 1, hits: 0 });
    });

    it('loads different keys independently', async () => {
      const cache = new Cache<string>({ ttl: 1_000 });
      const loader = jest.fn(async (key: string) => key.toUpperCase());

      const values = await Promise.all([cache.get('a', loader), cache.get('b', loader)]);

      expect(values).toEqual(['A', 'B']);
      expect(loader).toHaveBeenCalledTimes(2);
    });

    it('rejects every concurrent caller with the error of the one load, and caches nothing', async () => {
      const cache = new Cache<string>({ ttl: 1_000, logger: silentLogger() });
      const pending = deferred<string>();
      const failing = jest.fn(() => pending.promise);
      const boom = new Error('backend down');

      const calls = [cache.get('a', failing), cache.get('a', failing)];
      pending.reject(boom);
      const results = await Promise.allSettled(calls);

      expect(results).toEqual([
        { status: 'rejected', reason: boom },
        { status: 'rejected', reason: boom },
      ]);
      expect(failing).toHaveBeenCalledTimes(1);
      expect(cache.stats()).toMatchObject({ misses: 2, loads: 1, errors: 1 });
      await expect(cache.get('a', async () => 'recovered')).resolves.toBe('recovered');
    });
  });

  describe('stale-if-error', () => {
    it('serves the last value with a warning when the refresh fails', async () => {
      // Prepare
      const time = fakeClock();
      const logger = silentLogger();
      const cache = new Cache<string>({ name: 'rates', ttl: 1_000, clock: time.clock, logger });
      await cache.get('eur', async () => 'v1');
      time.advance(1_500);
      const boom = new Error('timeout');

      // Act
      const value = await cache.get('eur', async () => {
        throw boom;
      });

      // Assess
      expect(value).toBe('v1');
      expect(cache.stats()).toEqual({ hits: 0, misses: 1, stale: 1, loads: 2, errors: 1 });
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        'Cache "rates": refresh failed, serving the last value',
        expect.objectContaining({ cache: 'rates', key: 'eur', ageMs: 1_500, retryInMs: 1_000, error: boom }),
      );
    });

    it('serves the last value for retryAfterError, then tries the loader again', async () => {
      const time = fakeClock();
      const cache = new Cache<string>({
        ttl: 60_000,
        retryAfterError: 5_000,
        clock: time.clock,
        logger: silentLogger(),
      });
      await cache.get('k', async () => 'v1');
      time.advance(60_001);
      const failing = jest.fn(async (): Promise<string> => {
        throw new Error('down');
      });

      await cache.get('k', failing);
      time.advance(4_999);
      const during = await cache.get('k', failing);
      time.advance(2);
      const recovered = await cache.get('k', async () => 'v2');
      const after = await cache.get('k', failing);

      expect(failing).toHaveBeenCalledTimes(1);
      expect(during).toBe('v1');
      expect(recovered).toBe('v2');
      expect(after).toBe('v2');
      expect(cache.stats()).toEqual({ hits: 1, misses: 2, stale: 2, loads: 3, errors: 1 });
    });

    it('retries after at most 10 seconds by default, even with a long TTL', async () => {
      const time = fakeClock();
      const cache = new Cache<string>({ ttl: 3_600_000, clock: time.clock, logger: silentLogger() });
      await cache.get('k', async () => 'v1');
      time.advance(3_600_001);
      await cache.get('k', async () => Promise.reject(new Error('down')));
      const loader = jest.fn(async () => 'v2');

      time.advance(9_999);
      expect(await cache.get('k', loader)).toBe('v1');
      time.advance(2);
      expect(await cache.get('k', loader)).toBe('v2');
      expect(loader).toHaveBeenCalledTimes(1);
    });

    it('gives every concurrent caller the last value when their shared refresh fails', async () => {
      const time = fakeClock();
      const logger = silentLogger();
      const cache = new Cache<string>({ ttl: 1_000, clock: time.clock, logger });
      await cache.get('k', async () => 'v1');
      time.advance(1_001);
      const pending = deferred<string>();
      const loader = jest.fn(() => pending.promise);

      const calls = [cache.get('k', loader), cache.get('k', loader)];
      pending.reject(new Error('down'));

      expect(await Promise.all(calls)).toEqual(['v1', 'v1']);
      expect(loader).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledTimes(1);
    });

    it('throws the refresh error when staleIfError is off', async () => {
      const time = fakeClock();
      const logger = silentLogger();
      const cache = new Cache<string>({ ttl: 1_000, staleIfError: false, clock: time.clock, logger });
      await cache.get('k', async () => 'v1');
      time.advance(1_001);

      await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
      expect(logger.warn).not.toHaveBeenCalled();
      expect(cache.stats()).toMatchObject({ errors: 1, stale: 0 });
    });

    it('throws the load error when there is no last value', async () => {
      const logger = silentLogger();
      const cache = new Cache<string>({ ttl: 1_000, logger });
      const boom = new TypeError('bad response');

      await expect(cache.get('k', async () => Promise.reject(boom))).rejects.toBe(boom);
      expect(logger.warn).not.toHaveBeenCalled();
    });
  });

  describe('invalidation', () => {
    it('loads again after invalidate(key), and reports whether there was an entry', async () => {
      const cache = new Cache<number>({ ttl: 60_000 });
      let n = 0;
      const loader = jest.fn(async () => ++n);

      await cache.get('a', loader);
      const existed = cache.invalidate('a');
      const missing = cache.invalidate('never-set');
      const value = await cache.get('a', loader);

      expect(existed).toBe(true);
      expect(missing).toBe(false);
      expect(value).toBe(2);
      expect(loader).toHaveBeenCalledTimes(2);
    });

    it('still answers callers of a load under way when invalidated, but does not keep that value', async () => {
      const cache = new Cache<string>({ ttl: 60_000 });
      const pending = deferred<string>();
      const call = cache.get('a', () => pending.promise);

      cache.invalidate('a');
      pending.resolve('old');

      await expect(call).resolves.toBe('old');
      await expect(cache.get('a', async () => 'new')).resolves.toBe('new');
    });

    it('forgets everything on clear() and keeps the counters', async () => {
      const cache = new Cache<string>({ ttl: 60_000 });
      await cache.get('a', async () => 'a');
      await cache.get('b', async () => 'b');

      cache.clear();

      expect(cache.size).toBe(0);
      expect(cache.peek('a')).toBeUndefined();
      expect(cache.stats().misses).toBe(2);
    });

    it('zeroes the counters on resetStats()', async () => {
      const cache = new Cache<string>({ ttl: 60_000 });
      await cache.get('a', async () => 'a');
      await cache.get('a', async () => 'a');

      cache.resetStats();

      expect(cache.stats()).toEqual({ hits: 0, misses: 0, stale: 0, loads: 0, errors: 0 });
    });
  });

  describe('size bound, peek and set', () => {
    it('evicts the least recently used entry past max', async () => {
      const cache = new Cache<string>({ ttl: 60_000, max: 2 });
      const loader = jest.fn(async (key: string) => key);
      await cache.get('a', loader);
      await cache.get('b', loader);
      await cache.get('a', loader); // a is now the most recently used

      await cache.get('c', loader);

      expect(cache.size).toBe(2);
      expect(cache.peek('a')).toBe('a');
      expect(cache.peek('b')).toBeUndefined();
      expect(cache.peek('c')).toBe('c');
    });

    it('peeks at fresh values only, without loading or counting', async () => {
      const time = fakeClock();
      const cache = new Cache<string>({ ttl: 1_000, clock: time.clock });
      await cache.get('a', async () => 'a');

      const fresh = cache.peek('a');
      time.advance(1_001);
      const expired = cache.peek('a');

      expect(fresh).toBe('a');
      expect(expired).toBeUndefined();
      expect(cache.peek('never')).toBeUndefined();
      expect(cache.stats()).toMatchObject({ hits: 0, misses: 1 });
    });

    it('serves a value stored with set() as a hit, for its TTL', async () => {
      const time = fakeClock();
      const cache = new Cache<string>({ ttl: 60_000, clock: time.clock });
      const loader = jest.fn(async () => 'loaded');

      cache.set('a', 'stored', { ttl: 500 });
      const stored = await cache.get('a', loader);
      time.advance(501);
      const loaded = await cache.get('a', loader);

      expect(stored).toBe('stored');
      expect(loaded).toBe('loaded');
      expect(loader).toHaveBeenCalledTimes(1);
      expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
    });
  });

  describe('options', () => {
    it.each([
      ['ttl', { ttl: 0 }],
      ['ttl', { ttl: -5 }],
      ['ttl', { ttl: Number.NaN }],
      ['retryAfterError', { retryAfterError: 0 }],
    ])('rejects %s %p', (option, options) => {
      expect(() => new Cache(options)).toThrow(CacheOptionsError);
      expect(() => new Cache(options)).toThrow(
        new RegExp(`Cache option "${option}" is .*; expected a positive number of milliseconds, or Infinity`),
      );
    });

    it.each([0, -1, 1.5])('rejects max %p', (max) => {
      expect(() => new Cache({ max })).toThrow(
        `Cache option "max" is ${max}; expected a whole number of entries, at least 1.`,
      );
    });

    it('rejects a bad per-entry ttl in get() and set()', async () => {
      const cache = new Cache<string>();

      await expect(cache.get('a', async () => 'a', { ttl: 0 })).rejects.toThrow(CacheOptionsError);
      expect(() => cache.set('a', 'a', { ttl: -1 })).toThrow('Cache option "ttl" is -1');
    });

    it('warns through the console as JSON by default', async () => {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      const time = fakeClock();
      const cache = new Cache<string>({ name: 'default-logger', ttl: 1_000, clock: time.clock });
      await cache.get('k', async () => 'v1');
      time.advance(1_001);

      await cache.get('k', async () => Promise.reject(new Error('down')));

      expect(warn).toHaveBeenCalledTimes(1);
      const line = JSON.parse(warn.mock.calls[0]?.[0] as string) as Record<string, unknown>;
      expect(line).toMatchObject({
        level: 'WARN',
        message: 'Cache "default-logger": refresh failed, serving the last value',
        key: 'k',
        error: { name: 'Error', message: 'down' },
      });
      warn.mockRestore();
    });
  });
});
