import { defineSettings, parameter, type SettingsOf } from '@platform/settings';
import * as v from 'valibot';

/**
 * What reports reads at runtime from SSM Parameter Store under /<environment>/reports/ (and
 * Secrets Manager, with `secret(...)`): loaded at cold start, cached, refreshed every 5 minutes.
 * The stack creates the parameters that have a default and grants read on exactly these.
 */
export const settings = defineSettings({
  // Change them in SSM to debug production without a redeploy.
  logLevel: parameter(
    v.pipe(v.string(), v.toUpperCase(), v.picklist(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'])),
    {
      name: 'log-level',
      default: 'INFO',
    },
  ),
  debugSampleRate: parameter(
    v.pipe(v.string(), v.transform(Number), v.number(), v.minValue(0), v.maxValue(1)),
    {
      name: 'debug-sample-rate',
      default: '0',
    },
  ),
});

export type Settings = SettingsOf<typeof settings>;
