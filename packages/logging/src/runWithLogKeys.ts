import { currentScope, runInScope } from './logScope';

/**
 * Runs `fn` with `keys` added to every log line written inside it (e.g. `{ message_id }` for one SQS record),
 * on top of the keys of an enclosing call. Unlike `logger.appendKeys()`, the keys are scoped to this async
 * context, so records processed concurrently do not see each other's.
 */
export function runWithLogKeys<T>(keys: Readonly<Record<string, unknown>>, fn: () => T): T {
  const scope = currentScope();
  return runInScope({ correlationId: scope?.correlationId, keys: { ...scope?.keys, ...keys } }, fn);
}
