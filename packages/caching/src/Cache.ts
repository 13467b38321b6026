import type { StructuredLogger } from '@platform/logging';
import { LRUCache } from 'lru-cache';
import { consoleLogger } from './consoleLogger';
import { CacheOptionsError } from './errors';
import type { CacheOptions, CacheStats, Clock, EntryOptions, Loader } from './types';

/** 5 minutes: long enough to make warm invocations free, short enough to pick up changes. */
export const DEFAULT_TTL_MS = 300_000;
export const DEFAULT_MAX_ENTRIES = 1000;
const MAX_RETRY_AFTER_ERROR_MS = 10_000;

interface Entry<V> {
  readonly value: V;
  /** When the value was loaded; kept across failed refreshes, so warnings show its real age. */
  readonly loadedAt: number;
  /** True while the value is served in place of a failed refresh. */
  readonly stale: boolean;
}

interface LoadContext<V> {
  readonly loader: Loader<V>;
}

type Counters = { -readonly [K in keyof CacheStats]: CacheStats[K] };

/**
 * A cache that lives as long as the Lambda container: entries expire after a TTL, the least
 * recently used go first past `max`, concurrent misses of one key share one load (single-flight),
 * and a failed refresh serves the last value with a warning (stale-if-error).
 *
 * lru-cache does the storage, TTL, bound and in-flight sharing (its `fetch`); this class adds
 * stale-if-error with a retry interval, the warning, per-call counters, and values that may be
 * `undefined` or `null` (lru-cache refuses those, so entries are wrapped).
 */
export class Cache<V> {
  readonly name: string;
  readonly #lru: LRUCache<string, Entry<V>, LoadContext<V>>;
  readonly #ttl: number;
  readonly #staleIfError: boolean;
  readonly #retryAfterError: number;
  readonly #logger: StructuredLogger;
  readonly #clock: Clock;
  #stats: Counters = emptyStats();

  constructor(options: CacheOptions = {}) {
    this.name = options.name ?? 'cache';
    this.#ttl = validateTtl('ttl', options.ttl ?? DEFAULT_TTL_MS);
    this.#retryAfterError = validateTtl(
      'retryAfterError',
      options.retryAfterError ?? Math.min(this.#ttl, MAX_RETRY_AFTER_ERROR_MS),
    );
    this.#staleIfError = options.staleIfError ?? true;
    this.#logger = options.logger ?? consoleLogger;
    this.#clock = options.clock ?? (() => performance.now());
    const max = options.max ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(max) || max < 1) {
      throw new CacheOptionsError('max', max, 'a whole number of entries, at least 1');
    }
    this.#lru = new LRUCache<string, Entry<V>, LoadContext<V>>({
      max,
      ttl: toLruTtl(this.#ttl),
      // Read the clock on every check: the default 1 ms memo of `now` would hide a test clock's moves.
      ttlResolution: 0,
      perf: { now: this.#clock },
      // Expired entries stay until replaced: they are the stale values served when a refresh fails.
      noDeleteOnStaleGet: true,
      // invalidate() during a load must not reject the callers waiting on it; they get the value, uncached.
      ignoreFetchAbort: true,
      fetchMethod: (key, previous, { options, context }) => this.#load(key, previous, options, context),
    });
  }

  /**
   * The value of `key`: the cached one while fresh, else the loader's (one load for concurrent
   * callers). When a refresh fails and `staleIfError` is on, the last value, with a warning.
   */
  async get(key: string, loader: Loader<V>, options: EntryOptions = {}): Promise<V> {
    const ttl = options.ttl === undefined ? undefined : toLruTtl(validateTtl('ttl', options.ttl));
    const status: LRUCache.Status<string, Entry<V>, LoadContext<V>> = {};
    let entry: Entry<V> | undefined;
    try {
      entry = await this.#lru.fetch(key, {
        context: { loader },
        status,
        ...(ttl === undefined ? {} : { ttl }),
      });
    } catch (error) {
      this.#stats.misses++;
      throw error;
    }
    if (entry === undefined) {
      // Not reachable with the options above (no abort, the fetch method never resolves undefined).
      throw new Error(`Cache "${this.name}": no value for key "${key}" after a load`);
    }
    if (entry.stale) this.#stats.stale++;
    else if (status.fetch === 'hit') this.#stats.hits++;
    else this.#stats.misses++;
    return entry.value;
  }

  /** The fresh value of `key`, if any, without loading and without counting. */
  peek(key: string): V | undefined {
    return this.#lru.peek(key)?.value;
  }

  /** Stores a value, replacing any other and cancelling nothing: a load under way still answers its callers. */
  set(key: string, value: V, options: EntryOptions = {}): void {
    const ttl = toLruTtl(validateTtl('ttl', options.ttl ?? this.#ttl));
    this.#lru.set(key, { value, loadedAt: this.#clock(), stale: false }, { ttl });
  }

  /** Forgets `key`: the next `get` loads. Returns whether there was an entry. */
  invalidate(key: string): boolean {
    return this.#lru.delete(key);
  }

  /** Forgets every entry (counters are kept; see `resetStats`). */
  clear(): void {
    this.#lru.clear();
  }

  /** Entries held, fresh or expired. */
  get size(): number {
    return this.#lru.size;
  }

  /** A snapshot of the counters. */
  stats(): CacheStats {
    return { ...this.#stats };
  }

  resetStats(): void {
    this.#stats = emptyStats();
  }

  async #load(
    key: string,
    previous: Entry<V> | undefined,
    options: LRUCache.FetcherFetchOptions<string, Entry<V>, LoadContext<V>>,
    context: LoadContext<V>,
  ): Promise<Entry<V>> {
    this.#stats.loads++;
    try {
      const value = await context.loader(key);
      return { value, loadedAt: this.#clock(), stale: false };
    } catch (error) {
      this.#stats.errors++;
      if (!this.#staleIfError || previous === undefined) throw error;
      // lru-cache stores what the fetch method returns with `options.ttl`: the last value comes
      // back for `retryAfterError`, then the next call tries the loader again.
      options.ttl = toLruTtl(this.#retryAfterError);
      this.#logger.warn(`Cache "${this.name}": refresh failed, serving the last value`, {
        cache: this.name,
        key,
        ageMs: Math.round(this.#clock() - previous.loadedAt),
        retryInMs: this.#retryAfterError,
        error,
      });
      return { ...previous, stale: true };
    }
  }
}

function emptyStats(): Counters {
  return { hits: 0, misses: 0, stale: 0, loads: 0, errors: 0 };
}

function validateTtl(option: string, ttl: number): number {
  if (typeof ttl !== 'number' || Number.isNaN(ttl) || ttl <= 0) {
    throw new CacheOptionsError(
      option,
      ttl,
      'a positive number of milliseconds, or Infinity to never expire',
    );
  }
  return ttl;
}

/** lru-cache counts whole milliseconds and uses 0 for "never expires". */
function toLruTtl(ttl: number): number {
  return ttl === Infinity ? 0 : Math.ceil(ttl);
}
