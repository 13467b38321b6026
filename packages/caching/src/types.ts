import type { StructuredLogger } from '@platform/logging';

/**
 * The logger the cache warns through: the platform's shared logger shape, the one queue uses too
 * (a type only, so the bundle gains nothing from it). Kept under this name for existing callers.
 */
export type CacheLogger = StructuredLogger;

/** Milliseconds since some fixed point; must be positive and never go backwards. */
export type Clock = () => number;

/** A function that produces the value of a key on a miss. */
export type Loader<V> = (key: string) => Promise<V> | V;

export interface CacheOptions {
  /** Name used in log lines, to tell caches apart. @default 'cache' */
  readonly name?: string;
  /** Milliseconds an entry stays fresh, unless an entry sets its own. Positive, or `Infinity`. @default 300_000 (5 minutes) */
  readonly ttl?: number;
  /** Most entries kept; the least recently used one goes first. @default 1000 */
  readonly max?: number;
  /** Serve the last value, with a warning, when a refresh fails. Without a last value the error is thrown. @default true */
  readonly staleIfError?: boolean;
  /**
   * After a failed refresh, milliseconds the last value is served before the loader is tried again,
   * so that a failing backend is not called (and waited on) by every invocation.
   * @default the smaller of `ttl` and 10_000
   */
  readonly retryAfterError?: number;
  /** Where warnings go. @default JSON lines on the console */
  readonly logger?: StructuredLogger;
  /** The time source, for tests. @default performance.now */
  readonly clock?: Clock;
}

export interface EntryOptions {
  /** Milliseconds this entry stays fresh. Positive, or `Infinity`. @default the cache's `ttl` */
  readonly ttl?: number;
}

/** Counters since the cache was created (or `resetStats()`); every `get` counts once as a hit, miss or stale. */
export interface CacheStats {
  /** Calls answered with a fresh cached value. */
  readonly hits: number;
  /** Calls that had to wait for a load (including calls that joined a load already under way). */
  readonly misses: number;
  /** Calls answered with the last value because its refresh failed. */
  readonly stale: number;
  /** Loader calls: with single-flight, fewer than misses when misses overlap. */
  readonly loads: number;
  /** Loader calls that failed. */
  readonly errors: number;
}
