import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** tests/settings.json: what SETTINGS_FILE points at by default (tests/setup.ts). */
export const DEFAULT_SETTINGS_FILE = join(__dirname, '..', 'settings.json');
const defaults = JSON.parse(readFileSync(DEFAULT_SETTINGS_FILE, 'utf8')) as Record<string, string>;

export const PRICING_API_KEY = defaults['orders/pricing-api-key']!;

/** A settings file with these values over tests/settings.json (parameter and secret names to values). */
export function writeSettingsFile(values: Record<string, string>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'orders-settings-')), 'settings.json');
  writeFileSync(file, JSON.stringify({ ...defaults, ...values }));
  return file;
}
