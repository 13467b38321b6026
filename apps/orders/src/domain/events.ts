import type { PricedLine } from './pricing';

/**
 * The events process-orders emits to the order-events queue, one per order. `eventId` is derived
 * from the order, so a consumer that sees the same event twice (at-least-once delivery) can drop it.
 */
interface OrderEventBase {
  readonly version: 1;
  readonly eventId: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly occurredAt: string;
}

export interface OrderAccepted extends OrderEventBase {
  readonly type: 'order.accepted';
  readonly currency: string;
  readonly lines: readonly PricedLine[];
  readonly subtotalCents: number;
  readonly taxRatePercent: number;
  readonly taxCents: number;
  readonly totalCents: number;
}

export interface OrderRejected extends OrderEventBase {
  readonly type: 'order.rejected';
  readonly reason: 'unknown-products';
  readonly skus: readonly string[];
}

export type OrderEvent = OrderAccepted | OrderRejected;

export const eventIdOf = (type: OrderEvent['type'], orderId: string) => `${orderId}:${type}`;
