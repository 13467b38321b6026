import { SettingsDefinitionError } from './errors';
import { useSecretsManager } from './providers';
import { isStandardSchema, stringSchema, type StandardSchemaV1 } from './standardSchema';
import type { SecretSetting, StringInput } from './types';

/** Secrets Manager names: letters, digits and `/_+=.@-`, at most 512 characters. */
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/**
 * A setting in Secrets Manager, by secret name. The value is the secret string; pass a schema to
 * check or parse it (JSON secrets: `v.pipe(v.string(), v.parseJson(), v.object({...}))`).
 *
 * @example
 * apiKey: secret('orders/api-key'),
 * db: secret('orders/db', z.string().transform((s) => JSON.parse(s)).pipe(z.object({ user: z.string() }))),
 */
export function secret(name: string): SecretSetting<StandardSchemaV1<string, string>>;
export function secret<S extends StandardSchemaV1>(
  name: string,
  schema: S & StringInput<S>,
): SecretSetting<S>;
export function secret(name: string, schema?: StandardSchemaV1): SecretSetting {
  if (typeof name !== 'string' || !SECRET_NAME.test(name)) {
    throw new SettingsDefinitionError(
      `secret(${JSON.stringify(name)}): not a valid secret name. Use letters, digits and "/_+=.@-" ` +
        '(at most 512 characters), e.g. secret("orders/api-key").',
    );
  }
  if (schema !== undefined && !isStandardSchema(schema)) {
    throw new SettingsDefinitionError(
      `secret("${name}", schema): the schema is not a Standard Schema validator (zod 4, valibot 1, ...).`,
    );
  }
  useSecretsManager();
  return Object.freeze({ kind: 'secret' as const, name, schema: schema ?? stringSchema });
}
