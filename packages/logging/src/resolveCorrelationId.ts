import { randomUUID } from 'node:crypto';
import { correlationIdFromEvent } from './correlationIdFromEvent';

/** The correlation ID the event carries (see `correlationIdFromEvent`), else a new random UUID. */
export function resolveCorrelationId(event: unknown): string {
  return correlationIdFromEvent(event) ?? randomUUID();
}
