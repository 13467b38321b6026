import { priceOrder, taxOn, type PriceList } from '../../src/domain/pricing';

const priceList: PriceList = {
  currency: 'EUR',
  unitPrices: new Map([
    ['MUG-1', 1250],
    ['TSHIRT-M-BLUE', 1999],
    ['STICKER-9', 0],
  ]),
};

describe('Function: priceOrder', () => {
  it('prices each line and adds tax on the subtotal', () => {
    const result = priceOrder(
      [
        { sku: 'MUG-1', quantity: 2 },
        { sku: 'TSHIRT-M-BLUE', quantity: 1 },
        { sku: 'STICKER-9', quantity: 10 },
      ],
      priceList,
      20,
    );
    expect(result).toEqual({
      ok: true,
      currency: 'EUR',
      lines: [
        { sku: 'MUG-1', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 },
        { sku: 'TSHIRT-M-BLUE', quantity: 1, unitPriceCents: 1999, lineTotalCents: 1999 },
        { sku: 'STICKER-9', quantity: 10, unitPriceCents: 0, lineTotalCents: 0 },
      ],
      subtotalCents: 4499,
      taxCents: 900, // 899.8 rounded
      totalCents: 5399,
    });
  });

  it('lists every SKU the price list does not have, and prices nothing', () => {
    const result = priceOrder(
      [
        { sku: 'MUG-1', quantity: 1 },
        { sku: 'GONE-1', quantity: 1 },
        { sku: 'GONE-2', quantity: 3 },
      ],
      priceList,
      20,
    );
    expect(result).toEqual({ ok: false, unknownSkus: ['GONE-1', 'GONE-2'] });
  });
});

describe('Function: taxOn', () => {
  it.each([
    [1000, 8.25, 83], // 82.5: half rounds up
    [3000, 1.15, 35], // 34.5, where 3000 * 1.15 / 100 in floating point is 34.49999999999999
    [1000, 7.7, 77],
    [4499, 20, 900],
    [1, 20, 0],
    [3, 20, 1],
    [12345, 0, 0],
    [12345, 100, 12345],
  ])('%i cents at %d %% is %i cents', (subtotal, rate, tax) => {
    expect(taxOn(subtotal, rate)).toBe(tax);
  });
});
