import { InvalidOrderError, priceOrder } from '../src/domain/order';

describe('priceOrder', () => {
  it('totals quantity × unit price over the lines', () => {
    const priced = priceOrder({
      orderId: 'o-1',
      customerId: 'c-1',
      lines: [
        { sku: 'A', quantity: 2, unitPriceCents: 150 },
        { sku: 'B', quantity: 1, unitPriceCents: 999 },
      ],
    });
    expect(priced.totalCents).toBe(1299);
  });

  it('lists every invalid line', () => {
    const act = () =>
      priceOrder({ orderId: 'o', customerId: 'c', lines: [{ sku: 'A', quantity: 0, unitPriceCents: -1 }] });
    expect(act).toThrow(InvalidOrderError);
    expect(act).toThrow(/lines\[0\].quantity must be a positive integer; lines\[0\].unitPriceCents must be/);
  });

  it('rejects an order without lines', () => {
    expect(() => priceOrder({ orderId: 'o', customerId: 'c', lines: [] })).toThrow(/at least one line/);
  });
});
