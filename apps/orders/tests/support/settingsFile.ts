import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PRICING_API_KEY = 'pk_test_5f0c9e1d2b';

/** The local settings file (what SETTINGS_FILE points at): parameter names and secret names to values. */
export function writeSettingsFile(values: Record<string, string> = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'orders-settings-')), 'settings.json');
  writeFileSync(
    file,
    JSON.stringify({
      'max-lines-per-order': '3',
      'tax-rate-percent': '20',
      'orders/pricing-api-key': PRICING_API_KEY,
      ...values,
    }),
  );
  return file;
}
