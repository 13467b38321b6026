import { currentScope } from './logScope';

/**
 * The correlation ID of the current invocation, or of the current record when a batch is processed
 * record by record; `undefined` outside `runWithCorrelationId()`. Forward it on outgoing messages.
 */
export function getCorrelationId(): string | undefined {
  return currentScope()?.correlationId;
}
