import { defineSettings, parameter, secret, type SettingsOf } from '@platform/settings';
import * as v from 'valibot';

/**
 * What orders reads at runtime from SSM Parameter Store under /<environment>/orders/ and Secrets
 * Manager: loaded at cold start, cached, refreshed every 5 minutes. The stack creates the
 * parameters that have a default and grants read on exactly these.
 */
export const settings = defineSettings({
  // Change them in SSM to debug production without a redeploy; tunable: deploys keep the value set there.
  logLevel: parameter(
    v.pipe(v.string(), v.toUpperCase(), v.picklist(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'])),
    { name: 'log-level', default: 'INFO', tunable: true },
  ),
  debugSampleRate: parameter(
    v.pipe(v.string(), v.transform(Number), v.number(), v.minValue(0), v.maxValue(1)),
    { name: 'debug-sample-rate', default: '0', tunable: true },
  ),
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
  // Set out of band (never in code or Terraform state): aws secretsmanager create-secret ...
  pricingApiKey: secret('orders/pricing-api-key'),
});

export type Settings = SettingsOf<typeof settings>;
