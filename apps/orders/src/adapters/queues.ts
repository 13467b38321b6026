import { publishEvents, sendMessages } from '@platform/queue';
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

/**
 * Sends an order event downstream: every event to the order-events queue (ORDER_EVENTS_QUEUE_URL,
 * consumers outside the platform's stacks), and an accepted order also to the `order.accepted`
 * stream, which other services' accounts subscribe to (stacks/topology.ts). Throws if SQS or SNS did
 * not take it; a retry sends it again, and consumers count an event once by its `eventId`.
 */
export async function publishOrderEvent(event: OrderEvent): Promise<void> {
  const message = { id: event.eventId, body: event, attributes: { type: event.type } };
  await sendMessages(requireEnv('ORDER_EVENTS_QUEUE_URL'), [message], { throwOnFailure: true });
  if (event.type === 'order.accepted') {
    await publishEvents('order.accepted', [message], { throwOnFailure: true });
  }
}
