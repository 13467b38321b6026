import * as v from 'valibot';
import { isRealTimestamp, utcDay, type Day } from './days';

/** The orders service's own cap on lines per order. */
export const MAX_LINES = 100;

const Sku = v.pipe(v.string(), v.regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'a SKU such as "TSHIRT-M-BLUE"'));

/**
 * A sale, as the orders service announces it (its `order.accepted` event; fields this service does
 * not use are dropped). valibot rather than zod: it tree-shakes to a few KiB per bundle.
 */
export const Sale = v.object({
  type: v.literal('order.accepted'),
  /** Unique per event, the same on every copy of it: what a sale is counted once by. */
  eventId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  orderId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  occurredAt: v.pipe(
    v.string(),
    v.isoTimestamp('an ISO 8601 timestamp with a time zone'),
    v.check(isRealTimestamp, 'a date and time that exist'),
  ),
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "EUR"')),
  /** What the customer paid, tax included, in minor units of `currency`. */
  totalCents: v.pipe(v.number(), v.safeInteger('a whole number of cents'), v.minValue(0)),
  lines: v.pipe(
    v.array(
      v.object({ sku: Sku, quantity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999)) }),
    ),
    v.minLength(1, 'a sale has at least one line'),
    v.maxLength(MAX_LINES),
  ),
});
export type Sale = v.InferOutput<typeof Sale>;

/**
 * Counters that add up to a day's sales. A sale is one tally; the store keeps partial sums of
 * them (and may split a day into several), and the report adds those up again.
 */
export interface SalesTally {
  /** Orders, by currency. */
  readonly orders: Readonly<Record<string, number>>;
  /** Revenue in minor units, by currency: amounts in different currencies are never added together. */
  readonly revenueCents: Readonly<Record<string, number>>;
  /** Units sold, by SKU. */
  readonly units: Readonly<Record<string, number>>;
}

/** The day a sale counts for (UTC) and what it adds to that day's counters. */
export function tallySale(sale: Sale): { readonly day: Day; readonly tally: SalesTally } {
  const units: Record<string, number> = {};
  // Two lines of one SKU add up: the store updates one counter per SKU.
  for (const line of sale.lines) units[line.sku] = (units[line.sku] ?? 0) + line.quantity;
  return {
    day: utcDay(new Date(sale.occurredAt)),
    tally: {
      orders: { [sale.currency]: 1 },
      revenueCents: { [sale.currency]: sale.totalCents },
      units,
    },
  };
}
