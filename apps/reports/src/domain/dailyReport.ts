import type { Day } from './days';
import type { SalesTally } from './sale';

export interface CurrencyRevenue {
  readonly currency: string;
  readonly orders: number;
  readonly revenueCents: number;
  /** Revenue / orders, rounded to the nearest cent. */
  readonly averageOrderValueCents: number;
}

export interface SkuUnits {
  readonly sku: string;
  readonly units: number;
}

/** The message published on the daily-reports queue, one per UTC day. */
export interface DailySalesReport {
  readonly type: 'reports.daily-sales';
  readonly version: 1;
  readonly date: Day;
  /** Orders in every currency. */
  readonly orders: number;
  /** One entry per currency sold in that day, by currency code; none on a day without sales. */
  readonly revenue: readonly CurrencyRevenue[];
  /** The best sellers by units, most first (ties by SKU, so a report is the same on every run). */
  readonly topSkus: readonly SkuUnits[];
}

/** Adds partial tallies of one day (however the store split them) into one. */
export function sumTallies(tallies: readonly SalesTally[]): SalesTally {
  const orders: Record<string, number> = {};
  const revenueCents: Record<string, number> = {};
  const units: Record<string, number> = {};
  for (const tally of tallies) {
    addInto(orders, tally.orders);
    addInto(revenueCents, tally.revenueCents);
    addInto(units, tally.units);
  }
  return { orders, revenueCents, units };
}

/** The report of one day from its tallies. A day without sales is a report of zeros, not an error. */
export function buildDailyReport(
  date: Day,
  tallies: readonly SalesTally[],
  topSkuCount: number,
): DailySalesReport {
  if (!Number.isInteger(topSkuCount) || topSkuCount < 1) {
    throw new RangeError(`topSkuCount must be a positive integer, received ${topSkuCount}`);
  }
  const total = sumTallies(tallies);
  const revenue = Object.keys(total.orders)
    .filter((currency) => (total.orders[currency] ?? 0) > 0)
    .sort()
    .map((currency): CurrencyRevenue => {
      const orders = total.orders[currency]!;
      const revenueCents = total.revenueCents[currency] ?? 0;
      return { currency, orders, revenueCents, averageOrderValueCents: Math.round(revenueCents / orders) };
    });
  const topSkus = Object.entries(total.units)
    .filter(([, units]) => units > 0)
    .map(([sku, units]) => ({ sku, units }))
    .sort((a, b) => b.units - a.units || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .slice(0, topSkuCount);
  return {
    type: 'reports.daily-sales',
    version: 1,
    date,
    orders: revenue.reduce((sum, r) => sum + r.orders, 0),
    revenue,
    topSkus,
  };
}

function addInto(target: Record<string, number>, counters: Readonly<Record<string, number>>): void {
  for (const [key, value] of Object.entries(counters)) target[key] = (target[key] ?? 0) + value;
}
