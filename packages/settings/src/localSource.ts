import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { localAllowedByEnv } from './env';
import { LocalSourceInLambdaError, SettingsConfigError } from './errors';
import type { SettingsSource } from './types';

export interface LocalSourceOptions {
  /**
   * Values by parameter name (relative to the settings path: `tableName`, `db/host`) or secret
   * name (`orders/api-key`). Numbers and booleans become strings; objects become JSON.
   */
  readonly values?: Readonly<Record<string, unknown>>;
  /** A JSON file of such values, read on every load, so edits show up on the next refresh. */
  readonly file?: string;
  /** Allow this source inside Lambda. @default false; env `SETTINGS_ALLOW_LOCAL=true` also allows it */
  readonly allowInLambda?: boolean;
}

/**
 * Settings from memory or a JSON file, for tests and local runs. Never chosen by accident: pass
 * it, or set `SETTINGS_PROVIDER=local` with `SETTINGS_FILE`; inside Lambda it refuses to serve
 * unless explicitly allowed.
 */
export function localSource(options: LocalSourceOptions): SettingsSource {
  const { values, file, allowInLambda = false } = options ?? {};
  if ((values === undefined) === (file === undefined)) {
    throw new SettingsConfigError(
      'localSource() takes exactly one of { values } (an object) or { file } (a JSON file path).',
    );
  }
  const read = async (): Promise<Record<string, string>> => {
    assertAllowed(allowInLambda);
    // `values: null` counts as given (and is refused by normalise), not as "read the file".
    return normalise(values !== undefined ? values : await readJson(file as string), file);
  };
  return {
    kind: 'local',
    getParameters: () => read(),
    async getSecrets(names) {
      const all = await read();
      return Object.fromEntries(names.filter((n) => Object.hasOwn(all, n)).map((n) => [n, all[n] as string]));
    },
    describe: ({ type, name }) => `${type} "${name}" in the local settings${file ? ` (${file})` : ''}`,
  };
}

function assertAllowed(allowInLambda: boolean): void {
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
  if (functionName && !allowInLambda && !localAllowedByEnv())
    throw new LocalSourceInLambdaError(functionName);
}

async function readJson(file: string): Promise<unknown> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SettingsConfigError(
      `Cannot read the local settings file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). ` +
        'Check SETTINGS_FILE or the { file } option.',
      { cause: error },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SettingsConfigError(
      `The local settings file ${path} is not valid JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

function normalise(values: unknown, file: string | undefined): Record<string, string> {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new SettingsConfigError(
      `The local settings${file ? ` file ${file}` : ''} must be a JSON object of name -> value, ` +
        'e.g. { "tableName": "orders-local", "orders/api-key": "dev-key" }.',
    );
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    out[name] =
      typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
