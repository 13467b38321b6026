import { randomUUID } from 'node:crypto';
import { BadRequestError, success, type StandardResponse } from '@platform/lambda';
import { logger } from '@platform/logging';
import type { NewOrder, OrderPlaced } from './order';

export interface PlaceOrderPorts {
  /** From the `max-lines-per-order` setting. */
  readonly maxLines: number;
  /** Puts the order on the orders queue; throws when it could not. */
  enqueue(message: OrderPlaced): Promise<void>;
  /** @default `ord_<random UUID>` */
  newOrderId?(): string;
  /** @default the current time */
  now?(): Date;
}

export interface OrderReceived {
  readonly orderId: string;
  readonly lines: number;
  readonly placedAt: string;
}

/**
 * Accepts a valid order for processing: checks the limits that depend on settings, gives it an ID
 * and queues it. Pricing happens in process-orders, so the API answers fast and a slow pricing
 * service never fails a customer's request.
 */
export async function placeOrder(
  order: NewOrder,
  ports: PlaceOrderPorts,
): Promise<StandardResponse<OrderReceived>> {
  if (order.lines.length > ports.maxLines) {
    // Same shape as the schema's field errors, so clients handle one kind of 400.
    throw new BadRequestError('Request is invalid', {
      errors: [
        {
          field: 'body.lines',
          message: `at most ${ports.maxLines} lines per order, got ${order.lines.length}; split the order`,
        },
      ],
    });
  }
  const message: OrderPlaced = {
    type: 'order.placed',
    version: 1,
    orderId: ports.newOrderId?.() ?? `ord_${randomUUID()}`,
    customerId: order.customerId,
    placedAt: (ports.now?.() ?? new Date()).toISOString(),
    lines: order.lines.map(({ sku, quantity }) => ({ sku, quantity })),
  };
  await ports.enqueue(message);
  logger.info('Order received', { order_id: message.orderId, lines: message.lines.length });
  return success(
    { orderId: message.orderId, lines: message.lines.length, placedAt: message.placedAt },
    'Order received',
  );
}
