import { defineSettings, parameter, type SettingsOf } from '@platform/settings';
import * as v from 'valibot';

/**
 * What reports reads at runtime from SSM Parameter Store under /<environment>/reports/ (and
 * Secrets Manager, with `secret(...)`): loaded at cold start, cached, refreshed every 5 minutes.
 * The stack creates the parameters that have a default and grants read on exactly these.
 */
export const settings = defineSettings({
  // Change them in SSM to debug production without a redeploy; tunable: deploys keep the value set there.
  logLevel: parameter(
    v.pipe(v.string(), v.toUpperCase(), v.picklist(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'])),
    {
      name: 'log-level',
      default: 'INFO',
      tunable: true,
    },
  ),
  debugSampleRate: parameter(
    v.pipe(v.string(), v.transform(Number), v.number(), v.minValue(0), v.maxValue(1)),
    {
      name: 'debug-sample-rate',
      default: '0',
      tunable: true,
    },
  ),
  // How many best-selling SKUs the daily report lists; changed in SSM without a redeploy.
  topSkuCount: parameter(
    v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(50)),
    { name: 'top-sku-count', default: '5' },
  ),
});

export type Settings = SettingsOf<typeof settings>;
