export { Cache, DEFAULT_TTL_MS, DEFAULT_MAX_ENTRIES } from './Cache';
export { cached } from './cached';
export type { CachedFunction, CachedOptions } from './cached';
export { consoleLogger } from './consoleLogger';
export { CacheError, CacheKeyError, CacheOptionsError } from './errors';
export type { CacheLogger, CacheOptions, CacheStats, Clock, EntryOptions, Loader } from './types';
