import * as v from 'valibot';
import { MAX_LINES, Sale, tallySale } from '../../src/domain/sale';
import { aSale } from '../support/sales';

describe('Sale', () => {
  it('accepts an order.accepted event of the orders service, keeping only what reports uses', () => {
    const event = {
      ...aSale(),
      version: 1,
      customerId: 'c-1',
      subtotalCents: 3000,
      lines: [{ sku: 'MUG-RED', quantity: 2, unitPriceCents: 1500, lineTotalCents: 3000 }],
    };
    const parsed = v.parse(Sale, event);
    expect(parsed).not.toHaveProperty('customerId');
    expect(parsed.lines).toEqual([{ sku: 'MUG-RED', quantity: 2 }]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['another event type', { type: 'order.rejected' }, 'type'],
    ['a missing event ID', { eventId: undefined }, 'eventId'],
    ['an impossible date', { occurredAt: '2026-02-30T10:00:00Z' }, 'occurredAt'],
    ['a time without a zone', { occurredAt: '2026-03-01T10:00:00' }, 'occurredAt'],
    ['a lower-case currency', { currency: 'eur' }, 'currency'],
    ['cents with a fraction', { totalCents: 10.5 }, 'totalCents'],
    ['a negative total', { totalCents: -1 }, 'totalCents'],
    ['no lines', { lines: [] }, 'lines'],
    ['a line of zero units', { lines: [{ sku: 'MUG-RED', quantity: 0 }] }, 'lines.0.quantity'],
    [
      'too many lines',
      { lines: Array.from({ length: MAX_LINES + 1 }, () => ({ sku: 'MUG-RED', quantity: 1 })) },
      'lines',
    ],
  ])('refuses %s', (_, change, path) => {
    const result = v.safeParse(Sale, { ...aSale(), ...change });
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toContain(path);
  });
});

describe('tallySale', () => {
  it('counts one order and its total in its currency, units by SKU, on its UTC day', () => {
    const sale = aSale({
      occurredAt: '2026-03-01T23:30:00-02:00',
      currency: 'USD',
      totalCents: 4250,
      lines: [
        { sku: 'MUG-RED', quantity: 2 },
        { sku: 'TSHIRT-M', quantity: 1 },
        { sku: 'MUG-RED', quantity: 3 },
      ],
    });
    expect(tallySale(sale)).toEqual({
      day: '2026-03-02',
      tally: { orders: { USD: 1 }, revenueCents: { USD: 4250 }, units: { 'MUG-RED': 5, 'TSHIRT-M': 1 } },
    });
  });
});
