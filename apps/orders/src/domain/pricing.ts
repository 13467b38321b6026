import type { OrderLine } from './order';

/** The catalogue's prices in one currency, in minor units (cents). */
export interface PriceList {
  readonly currency: string;
  readonly unitPrices: ReadonlyMap<string, number>;
}

export interface PricedLine extends OrderLine {
  readonly unitPriceCents: number;
  readonly lineTotalCents: number;
}

export type PricingResult =
  | {
      readonly ok: true;
      readonly currency: string;
      readonly lines: readonly PricedLine[];
      readonly subtotalCents: number;
      readonly taxCents: number;
      readonly totalCents: number;
    }
  | { readonly ok: false; readonly unknownSkus: readonly string[] };

/**
 * Prices every line from the price list and adds tax on the subtotal. A SKU the price list does
 * not have makes the whole order unpriceable: a partial order is not what the customer asked for.
 */
export function priceOrder(
  lines: readonly OrderLine[],
  priceList: PriceList,
  taxRatePercent: number,
): PricingResult {
  const unknownSkus = lines.map((l) => l.sku).filter((sku) => !priceList.unitPrices.has(sku));
  if (unknownSkus.length > 0) return { ok: false, unknownSkus };
  const priced = lines.map((line): PricedLine => {
    const unitPriceCents = priceList.unitPrices.get(line.sku)!;
    return { ...line, unitPriceCents, lineTotalCents: unitPriceCents * line.quantity };
  });
  const subtotalCents = priced.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const taxCents = taxOn(subtotalCents, taxRatePercent);
  return {
    ok: true,
    currency: priceList.currency,
    lines: priced,
    subtotalCents,
    taxCents,
    totalCents: subtotalCents + taxCents,
  };
}

/**
 * Tax in cents, rounded half up. The rate (at most 2 decimals, see settings) becomes basis points
 * first so the arithmetic is on integers: 1.15 % of 3000 cents is exactly 34.5 -> 35, where
 * `Math.round(3000 * 1.15 / 100)` gives 34 (the product is 34.49999999999999 in floating point).
 */
export function taxOn(subtotalCents: number, ratePercent: number): number {
  const basisPoints = Math.round(ratePercent * 100);
  return Math.floor((subtotalCents * basisPoints + 5_000) / 10_000);
}
