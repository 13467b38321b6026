import * as v from 'valibot';
import { defineSettings, parameter, secret, type SettingsOf } from '@platform/settings';

/**
 * What the orders functions read at runtime: SSM parameters under /<environment>/orders/ and one
 * Secrets Manager secret. The stack creates the parameters with defaults and grants the reads.
 */
export const settings = defineSettings({
  // Bounds the work (and the message size) of one order; the request schema's hard cap is 100.
  maxLinesPerOrder: parameter(
    v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(100)),
    { name: 'max-lines-per-order', default: '25' },
  ),
  // At most 2 decimals ("20", "7.25"): pricing turns it into whole basis points.
  taxRatePercent: parameter(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage such as "20" or "7.25"'),
      v.transform(Number),
      v.maxValue(100),
    ),
    { name: 'tax-rate-percent', default: '20' },
  ),
  pricingApiKey: secret('orders/pricing-api-key'),
});

export type OrdersSettings = SettingsOf<typeof settings>;
