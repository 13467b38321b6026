import { currentScope, runInScope } from './logScope';

/**
 * Runs `fn` with `id` as the correlation ID: `getCorrelationId()` returns it and every log line carries it
 * as `correlation_id`, through every `await` inside `fn`, without leaking into concurrent work.
 * Returns what `fn` returns (its promise, for an async `fn`). Keys set by an enclosing `runWithLogKeys()` stay.
 */
export function runWithCorrelationId<T>(id: string, fn: () => T): T {
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(
      `runWithCorrelationId: the ID must be a non-empty string, received ${JSON.stringify(id)}.`,
    );
  }
  return runInScope({ correlationId: id, keys: currentScope()?.keys ?? {} }, fn);
}
