import { sendMessages } from '@platform/queue';
import type { OrderEvent } from '../domain/events';
import type { OrderPlaced } from '../domain/order';
import { requireEnv } from './env';

/** Queues a placed order for process-orders (ORDERS_QUEUE_URL). Throws if SQS did not take it. */
export async function enqueueOrder(message: OrderPlaced): Promise<void> {
  await sendMessages(
    requireEnv('ORDERS_QUEUE_URL'),
    [{ id: message.orderId, body: message, attributes: { type: message.type } }],
    { throwOnFailure: true },
  );
}

/** Sends an order event downstream (ORDER_EVENTS_QUEUE_URL). Throws if SQS did not take it. */
export async function publishOrderEvent(event: OrderEvent): Promise<void> {
  await sendMessages(
    requireEnv('ORDER_EVENTS_QUEUE_URL'),
    [{ id: event.eventId, body: event, attributes: { type: event.type } }],
    { throwOnFailure: true },
  );
}
