/** Base class of the errors this package throws itself (a loader's own errors pass through unchanged). */
export class CacheError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CacheError';
  }
}

/** An option is out of range; the message shows the value and what to use instead. */
export class CacheOptionsError extends CacheError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`Cache option "${option}" is ${describe(value)}; expected ${expected}.`);
    this.name = 'CacheOptionsError';
  }
}

/** `cached()` could not turn a call's arguments into a cache key. */
export class CacheKeyError extends CacheError {
  constructor(reason: string, options?: ErrorOptions) {
    super(
      `Cannot build a cache key from the arguments (${reason}). ` +
        'Pass a `key` function to cached(), e.g. { key: (order) => order.id }.',
      options,
    );
    this.name = 'CacheKeyError';
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  return `a ${typeof value}`;
}
