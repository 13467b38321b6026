import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { defineSettings, getSettings, parameter, resetSettings } from '../../src';
import { isolateEnv } from '../fixtures';

const orders = defineSettings({ tableName: parameter(v.string()) });
const billing = defineSettings({ currency: parameter(v.string()) });

describe('Function: getSettings', () => {
  isolateEnv();
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'get-settings-'));
    file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ tableName: 'v1', currency: 'EUR' }));
    process.env.SETTINGS_PROVIDER = 'local';
    process.env.SETTINGS_FILE = file;
    resetSettings();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps one cached loader per definition for the container', async () => {
    const first = await getSettings(orders);
    writeFileSync(file, JSON.stringify({ tableName: 'v2', currency: 'USD' }));

    const second = await getSettings(orders);
    const other = await getSettings(billing);

    expect(second).toBe(first);
    expect(second.tableName).toBe('v1');
    expect(other.currency).toBe('USD');
  });

  it('reads the environment again after resetSettings()', async () => {
    await getSettings(orders);
    writeFileSync(file, JSON.stringify({ tableName: 'v2' }));

    resetSettings();

    await expect(getSettings(orders)).resolves.toEqual({ tableName: 'v2' });
  });

  it('rejects with the loading error', async () => {
    writeFileSync(file, JSON.stringify({}));

    await expect(getSettings(orders)).rejects.toThrow(/Setting "tableName" is required but was not found/);
  });
});
