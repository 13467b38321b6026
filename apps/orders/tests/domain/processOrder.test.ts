import { captureLogs, type LogCapture } from '@platform/test-helpers';
import type { OrderEvent } from '../../src/domain/events';
import type { OrderPlaced } from '../../src/domain/order';
import type { PriceList } from '../../src/domain/pricing';
import { processOrder, type ProcessOrderPorts } from '../../src/domain/processOrder';

const placed: OrderPlaced = {
  type: 'order.placed',
  version: 1,
  orderId: 'ord_0000000001',
  customerId: 'c-42',
  placedAt: '2026-03-01T10:15:00.000Z',
  lines: [
    { sku: 'MUG-1', quantity: 2 },
    { sku: 'TSHIRT-M-BLUE', quantity: 1 },
  ],
};

const priceList: PriceList = {
  currency: 'EUR',
  unitPrices: new Map([
    ['MUG-1', 1250],
    ['TSHIRT-M-BLUE', 1999],
  ]),
};

function ports(overrides: Partial<ProcessOrderPorts> = {}) {
  const published: OrderEvent[] = [];
  return {
    published,
    ports: {
      priceList: async () => priceList,
      taxRatePercent: 20,
      publish: async (event: OrderEvent) => {
        published.push(event);
      },
      now: () => new Date('2026-03-01T10:15:03.000Z'),
      ...overrides,
    },
  };
}

describe('Function: processOrder', () => {
  let logs: LogCapture;
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.restore());

  it('prices the order and publishes order.accepted with the totals', async () => {
    const { published, ports: p } = ports();

    const result = await processOrder(placed, p);

    expect(published).toEqual([
      {
        type: 'order.accepted',
        version: 1,
        eventId: 'ord_0000000001:order.accepted',
        orderId: 'ord_0000000001',
        customerId: 'c-42',
        occurredAt: '2026-03-01T10:15:03.000Z',
        currency: 'EUR',
        lines: [
          { sku: 'MUG-1', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 },
          { sku: 'TSHIRT-M-BLUE', quantity: 1, unitPriceCents: 1999, lineTotalCents: 1999 },
        ],
        subtotalCents: 4499,
        taxRatePercent: 20,
        taxCents: 900,
        totalCents: 5399,
      },
    ]);
    expect(result).toEqual({
      orderId: 'ord_0000000001',
      eventType: 'order.accepted',
      eventId: 'ord_0000000001:order.accepted',
    });
    expect(logs.withMessage('Order accepted')).toEqual([
      expect.objectContaining({
        level: 'INFO',
        order_id: 'ord_0000000001',
        total_cents: 5399,
        currency: 'EUR',
      }),
    ]);
  });

  it('publishes order.rejected naming the unknown products, and completes', async () => {
    const { published, ports: p } = ports();
    const order = { ...placed, lines: [...placed.lines, { sku: 'DISCONTINUED-7', quantity: 1 }] };

    const result = await processOrder(order, p);

    expect(published).toEqual([
      {
        type: 'order.rejected',
        version: 1,
        eventId: 'ord_0000000001:order.rejected',
        orderId: 'ord_0000000001',
        customerId: 'c-42',
        occurredAt: '2026-03-01T10:15:03.000Z',
        reason: 'unknown-products',
        skus: ['DISCONTINUED-7'],
      },
    ]);
    expect(result.eventType).toBe('order.rejected');
    expect(logs.withMessage('Order rejected: unknown products')).toEqual([
      expect.objectContaining({ level: 'WARN', order_id: 'ord_0000000001', skus: ['DISCONTINUED-7'] }),
    ]);
  });

  it('fails without publishing when the price list cannot be had', async () => {
    const { published, ports: p } = ports({
      priceList: () => Promise.reject(new Error('Pricing API answered 503')),
    });
    await expect(processOrder(placed, p)).rejects.toThrow('Pricing API answered 503');
    expect(published).toEqual([]);
  });

  it('fails when the event could not be published, so the message is retried', async () => {
    const { ports: p } = ports({ publish: () => Promise.reject(new Error('SQS messages not sent')) });
    await expect(processOrder(placed, p)).rejects.toThrow('SQS messages not sent');
  });
});
