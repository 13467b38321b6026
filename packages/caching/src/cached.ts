import { Cache } from './Cache';
import { CacheKeyError } from './errors';
import type { CacheOptions, CacheStats } from './types';

export interface CachedOptions<A extends unknown[]> extends Omit<CacheOptions, 'ttl'> {
  /** Milliseconds a result stays fresh. Positive, or `Infinity`. */
  readonly ttl: number;
  /** The cache key of a call. @default JSON of the arguments ('' for no arguments) */
  readonly key?: (...args: A) => string;
}

/** A memoized function, plus control over what it remembers. */
export interface CachedFunction<A extends unknown[], R> {
  (...args: A): Promise<R>;
  /** Forgets the result for these arguments. Returns whether there was one. */
  invalidate(...args: A): boolean;
  /** Forgets every result. */
  clear(): void;
  stats(): CacheStats;
  readonly cache: Cache<R>;
}

/**
 * Memoizes an async function for the life of the container, with the behaviour of {@link Cache}:
 * per-result TTL, single-flight, stale-if-error.
 *
 * @example
 * const getRates = cached(() => fetchRates(), { ttl: 60_000 });
 * const getCustomer = cached((id: string) => loadCustomer(id), { ttl: 30_000, max: 500 });
 */
export function cached<A extends unknown[], R>(
  loader: (...args: A) => Promise<R> | R,
  options: CachedOptions<A>,
): CachedFunction<A, R> {
  const { key = defaultKey, ...cacheOptions } = options;
  const cache = new Cache<R>({ name: loader.name || 'cached', ...cacheOptions });
  const keyOf = (args: A): string => {
    const k = key(...args);
    if (typeof k !== 'string') throw new CacheKeyError(`the key function returned ${typeof k}, not a string`);
    return k;
  };
  const fn = (...args: A): Promise<R> => {
    // Resolved here, not in get(): a bad key rejects instead of throwing synchronously.
    return Promise.resolve()
      .then(() => keyOf(args))
      .then((k) => cache.get(k, () => loader(...args)));
  };
  return Object.assign(fn, {
    invalidate: (...args: A) => cache.invalidate(keyOf(args)),
    clear: () => cache.clear(),
    stats: () => cache.stats(),
    cache,
  });
}

function defaultKey(...args: unknown[]): string {
  if (args.length === 0) return '';
  let json: string | undefined;
  try {
    json = JSON.stringify(args);
  } catch (error) {
    throw new CacheKeyError((error as Error).message, { cause: error });
  }
  return json;
}
