import type { Sale } from '../../src/domain/sale';

let next = 0;

/** A valid sale (an order.accepted event of the orders service), with `change` applied. */
export function aSale(change: Partial<Sale> = {}): Sale {
  next += 1;
  return {
    type: 'order.accepted',
    eventId: `ord_test-${next}:order.accepted`,
    orderId: `ord_test-${next}`,
    occurredAt: '2026-03-01T10:00:00.000Z',
    currency: 'EUR',
    totalCents: 3000,
    lines: [{ sku: 'MUG-RED', quantity: 2 }],
    ...change,
  };
}
