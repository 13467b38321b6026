import * as v from 'valibot';
import { NewOrder, OrderPlaced } from '../../src/domain/order';

const issues = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  return result.success ? [] : result.issues.map((i) => `${v.getDotPath(i)}: ${i.message}`);
};

describe('Schema: NewOrder', () => {
  it('accepts an order of known-format SKUs and positive whole quantities', () => {
    const order = { customerId: 'c-42', lines: [{ sku: 'TSHIRT-M-BLUE', quantity: 2 }] };
    expect(v.parse(NewOrder, order)).toEqual(order);
  });

  it('names every invalid field at once', () => {
    const input = {
      customerId: 'c 42',
      lines: [
        { sku: 'tshirt', quantity: 0 },
        { sku: 'MUG-1', quantity: 1.5 },
      ],
    };
    expect(issues(NewOrder, input)).toEqual([
      'customerId: letters, digits, "_" or "-", at most 64',
      'lines.0.sku: a SKU such as "TSHIRT-M-BLUE"',
      'lines.0.quantity: Invalid value: Expected >=1 but received 0',
      'lines.1.quantity: a whole number',
    ]);
  });

  it('rejects an order without lines, or with more lines than the hard cap', () => {
    expect(issues(NewOrder, { customerId: 'c-1', lines: [] })).toEqual([
      'lines: an order needs at least one line',
    ]);
    const lines = Array.from({ length: 101 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }));
    expect(issues(NewOrder, { customerId: 'c-1', lines })).toEqual(['lines: at most 100 lines']);
  });

  it('points at each line that repeats a SKU, next to the other problems', () => {
    const input = {
      customerId: 'c-1',
      lines: [
        { sku: 'MUG-1', quantity: 0 },
        { sku: 'CAP-2', quantity: 1 },
        { sku: 'MUG-1', quantity: 3 },
      ],
    };
    expect(issues(NewOrder, input)).toEqual([
      'lines.0.quantity: Invalid value: Expected >=1 but received 0',
      'lines.2.sku: duplicate of lines[0].sku; put the total quantity on one line',
    ]);
  });
});

describe('Schema: OrderPlaced', () => {
  const message = {
    type: 'order.placed',
    version: 1,
    orderId: 'ord_6f1c2a4e-0b7d-4c55-9a43-3c2f0e7d9b10',
    customerId: 'c-42',
    placedAt: '2026-03-01T10:15:00.000Z',
    lines: [{ sku: 'MUG-1', quantity: 1 }],
  };

  it('accepts what create-order sends', () => {
    expect(v.parse(OrderPlaced, message)).toEqual(message);
  });

  it('rejects another message type, version, a malformed order ID or timestamp', () => {
    const input = { ...message, type: 'order.paid', version: 2, orderId: '42', placedAt: 'yesterday' };
    expect(issues(OrderPlaced, input).map((i) => i.split(':')[0])).toEqual([
      'type',
      'version',
      'orderId',
      'placedAt',
    ]);
  });
});
