import { logger } from '@platform/logging';
import { eventIdOf, type OrderEvent } from './events';
import type { OrderPlaced } from './order';
import { priceOrder, type PriceList } from './pricing';

export interface ProcessOrderPorts {
  /** The current price list (cached by the caller). */
  priceList(): Promise<PriceList>;
  /** From the `tax-rate-percent` setting. */
  readonly taxRatePercent: number;
  /** Sends the event downstream; throws when it could not, so the message is retried. */
  publish(event: OrderEvent): Promise<void>;
  now(): Date;
}

export interface ProcessedOrder {
  readonly orderId: string;
  readonly eventType: OrderEvent['type'];
  readonly eventId: string;
}

/**
 * Prices a placed order and emits its outcome: `order.accepted` with the totals, or
 * `order.rejected` when it names products the price list does not have. A rejection is a business
 * result, not a failure: the message is done either way. Failures to price or publish throw.
 */
export async function processOrder(order: OrderPlaced, ports: ProcessOrderPorts): Promise<ProcessedOrder> {
  const priceList = await ports.priceList();
  const pricing = priceOrder(order.lines, priceList, ports.taxRatePercent);
  const base = {
    version: 1 as const,
    orderId: order.orderId,
    customerId: order.customerId,
    occurredAt: ports.now().toISOString(),
  };
  const event: OrderEvent = pricing.ok
    ? {
        ...base,
        type: 'order.accepted',
        eventId: eventIdOf('order.accepted', order.orderId),
        currency: pricing.currency,
        lines: pricing.lines,
        subtotalCents: pricing.subtotalCents,
        taxRatePercent: ports.taxRatePercent,
        taxCents: pricing.taxCents,
        totalCents: pricing.totalCents,
      }
    : {
        ...base,
        type: 'order.rejected',
        eventId: eventIdOf('order.rejected', order.orderId),
        reason: 'unknown-products',
        skus: pricing.unknownSkus,
      };
  await ports.publish(event);
  if (event.type === 'order.accepted') {
    logger.info('Order accepted', {
      order_id: order.orderId,
      total_cents: event.totalCents,
      currency: event.currency,
    });
  } else {
    logger.warn('Order rejected: unknown products', { order_id: order.orderId, skus: event.skus });
  }
  return { orderId: order.orderId, eventType: event.type, eventId: event.eventId };
}
