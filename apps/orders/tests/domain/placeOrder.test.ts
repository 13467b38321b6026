import { BadRequestError, isStandardResponse } from '@platform/lambda';
import { captureLogs, type LogCapture } from '@platform/test-helpers';
import type { OrderPlaced } from '../../src/domain/order';
import { placeOrder, type PlaceOrderPorts } from '../../src/domain/placeOrder';

const order = {
  customerId: 'c-42',
  lines: [
    { sku: 'MUG-1', quantity: 2 },
    { sku: 'TSHIRT-M-BLUE', quantity: 1 },
  ],
};

function ports(overrides: Partial<PlaceOrderPorts> = {}) {
  const sent: OrderPlaced[] = [];
  return {
    sent,
    ports: {
      maxLines: 25,
      enqueue: async (message: OrderPlaced) => {
        sent.push(message);
      },
      newOrderId: () => 'ord_0000000001',
      now: () => new Date('2026-03-01T10:15:00.000Z'),
      ...overrides,
    },
  };
}

describe('Function: placeOrder', () => {
  let logs: LogCapture;
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.restore());

  it('queues the order as an order.placed message and answers with its ID', async () => {
    const { sent, ports: p } = ports();

    const response = await placeOrder(order, p);

    expect(sent).toEqual([
      {
        type: 'order.placed',
        version: 1,
        orderId: 'ord_0000000001',
        customerId: 'c-42',
        placedAt: '2026-03-01T10:15:00.000Z',
        lines: order.lines,
      },
    ]);
    expect(isStandardResponse(response)).toBe(true);
    expect(response).toMatchObject({
      status: 'success',
      message: 'Order received',
      data: { orderId: 'ord_0000000001', lines: 2, placedAt: '2026-03-01T10:15:00.000Z' },
    });
  });

  it('gives every order a new ID by default', async () => {
    const { sent, ports: p } = ports({ newOrderId: undefined });
    await placeOrder(order, p);
    await placeOrder(order, p);
    expect(sent[0]!.orderId).toMatch(/^ord_[0-9a-f-]{36}$/);
    expect(sent[1]!.orderId).not.toBe(sent[0]!.orderId);
  });

  it('refuses more lines than the setting allows, as a field error, and queues nothing', async () => {
    const { sent, ports: p } = ports({ maxLines: 1 });

    const placing = placeOrder(order, p);

    await expect(placing).rejects.toThrow(BadRequestError);
    await expect(placing).rejects.toMatchObject({
      data: {
        errors: [{ field: 'body.lines', message: 'at most 1 lines per order, got 2; split the order' }],
      },
    });
    expect(sent).toEqual([]);
  });

  it('fails when the order could not be queued, so the client is not told it was received', async () => {
    const { ports: p } = ports({
      enqueue: () => Promise.reject(new Error('SQS messages not sent')),
    });
    await expect(placeOrder(order, p)).rejects.toThrow('SQS messages not sent');
  });
});
