import { AsyncLocalStorage } from 'node:async_hooks';

export interface LogScope {
  readonly correlationId?: string;
  readonly keys: Readonly<Record<string, unknown>>;
}

// One store for the correlation ID and scoped keys: records processed concurrently each see their own.
const storage = new AsyncLocalStorage<LogScope>();

export function currentScope(): LogScope | undefined {
  return storage.getStore();
}

export function runInScope<T>(scope: LogScope, fn: () => T): T {
  return storage.run(scope, fn);
}
