import { buildDailyReport, sumTallies } from '../../src/domain/dailyReport';
import type { SalesTally } from '../../src/domain/sale';

const tally = (
  currency: string,
  orders: number,
  revenueCents: number,
  units: Record<string, number> = {},
): SalesTally => ({
  orders: { [currency]: orders },
  revenueCents: { [currency]: revenueCents },
  units,
});

describe('buildDailyReport', () => {
  it('adds up orders, revenue and average order value per currency, and ranks SKUs by units', () => {
    const report = buildDailyReport(
      '2026-03-01',
      [
        tally('EUR', 2, 5000, { 'MUG-RED': 3, 'TSHIRT-M': 1 }),
        tally('EUR', 1, 1999, { 'MUG-RED': 1, 'CAP-01': 4 }),
        tally('USD', 1, 1250, { 'TSHIRT-M': 2 }),
      ],
      5,
    );
    expect(report).toEqual({
      type: 'reports.daily-sales',
      version: 1,
      date: '2026-03-01',
      orders: 4,
      revenue: [
        // 6999 / 3 = 2333, rounded to the cent.
        { currency: 'EUR', orders: 3, revenueCents: 6999, averageOrderValueCents: 2333 },
        { currency: 'USD', orders: 1, revenueCents: 1250, averageOrderValueCents: 1250 },
      ],
      topSkus: [
        { sku: 'CAP-01', units: 4 },
        { sku: 'MUG-RED', units: 4 },
        { sku: 'TSHIRT-M', units: 3 },
      ],
    });
  });

  it('rounds the average order value half up to the cent', () => {
    const report = buildDailyReport('2026-03-01', [tally('EUR', 2, 1001)], 5);
    expect(report.revenue[0]?.averageOrderValueCents).toBe(501);
  });

  it('lists only the top N SKUs, ties in SKU order so every run reports the same', () => {
    const units = { 'SKU-E': 1, 'SKU-D': 5, 'SKU-C': 5, 'SKU-B': 2, 'SKU-A': 9 };
    const report = buildDailyReport('2026-03-01', [tally('EUR', 1, 100, units)], 3);
    expect(report.topSkus).toEqual([
      { sku: 'SKU-A', units: 9 },
      { sku: 'SKU-C', units: 5 },
      { sku: 'SKU-D', units: 5 },
    ]);
  });

  it('reports a day without sales as zeros, not an error', () => {
    expect(buildDailyReport('2026-03-01', [], 5)).toEqual({
      type: 'reports.daily-sales',
      version: 1,
      date: '2026-03-01',
      orders: 0,
      revenue: [],
      topSkus: [],
    });
  });

  it('refuses a top-SKU count that is not a positive integer', () => {
    expect(() => buildDailyReport('2026-03-01', [], 0)).toThrow(/topSkuCount/);
    expect(() => buildDailyReport('2026-03-01', [], 2.5)).toThrow(/topSkuCount/);
  });
});

describe('sumTallies', () => {
  it('adds the partial tallies of a day however they were split', () => {
    expect(
      sumTallies([tally('EUR', 1, 100, { A: 1 }), tally('EUR', 2, 250, { A: 2, B: 1 }), tally('GBP', 1, 80)]),
    ).toEqual({ orders: { EUR: 3, GBP: 1 }, revenueCents: { EUR: 350, GBP: 80 }, units: { A: 3, B: 1 } });
  });
});
