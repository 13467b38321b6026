import { logger } from '@platform/logging';

/** One unit of work from the record-sale queue, as the business sees it: no SQS types here. */
export interface RecordSaleMessage {
  readonly id: string;
  readonly quantity: number;
}

/** Upper bound of one message: a bigger one is a bug upstream, not a reason to retry. */
export const MAX_QUANTITY = 1000;

/**
 * Replace with the real business logic. Throwing fails this record only; SQS delivers at least
 * once, so make the work idempotent (keyed by `message.id`).
 */
export async function recordSale(
  message: RecordSaleMessage,
): Promise<{ readonly id: string; readonly units: number }> {
  if (message.quantity > MAX_QUANTITY) {
    throw new Error(`Message ${message.id}: quantity ${message.quantity} is over ${MAX_QUANTITY}`);
  }
  // One business event per message, with the message's correlation ID on it.
  logger.info('Message processed', { id: message.id, units: message.quantity });
  return { id: message.id, units: message.quantity };
}
