import { awsSource } from './awsSource';
import { SettingsConfigError } from './errors';
import { localSource } from './localSource';
import type { SettingsSource } from './types';

/**
 * The source the environment asks for: `SETTINGS_PROVIDER` unset or `aws` -> SSM + Secrets Manager;
 * `local` -> the JSON file `SETTINGS_FILE` (refused inside Lambda unless `SETTINGS_ALLOW_LOCAL=true`).
 */
export function resolveSource(): SettingsSource {
  const provider = process.env.SETTINGS_PROVIDER?.trim() || 'aws';
  if (provider === 'aws') return awsSource();
  if (provider === 'local') {
    const file = process.env.SETTINGS_FILE;
    if (!file) {
      throw new SettingsConfigError(
        'SETTINGS_PROVIDER=local needs SETTINGS_FILE, the path of a JSON file of settings values ' +
          '(e.g. { "tableName": "orders-local" }).',
      );
    }
    return localSource({ file });
  }
  throw new SettingsConfigError(
    `SETTINGS_PROVIDER is "${provider}"; expected "aws" (the default) or "local".`,
  );
}
