import { SettingsDefinitionError } from './errors';
import { useParameterStore } from './providers';
import { isStandardSchema, type StandardSchemaV1 } from './standardSchema';
import type { ParameterSetting, StringInput } from './types';

export interface ParameterOptions {
  /** Name relative to the settings path, when it differs from the setting's key (e.g. `db/host`). */
  readonly name?: string;
  /** The raw string used when the parameter does not exist (it is validated like a stored value). */
  readonly default?: string;
  /** A SecureString: decrypted on read, never shown in errors, and it cannot have a default. @default false */
  readonly secure?: boolean;
  /**
   * Operators change it in SSM at runtime (a log level during an incident): infra creates the parameter with
   * the default, and later deploys leave its value alone. Needs a default. @default false
   */
  readonly tunable?: boolean;
}

/** SSM parameter names: letters, digits, `_.-` and `/` between segments; relative, so no leading `/`. */
export const PARAMETER_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/**
 * A non-secret setting in SSM Parameter Store, under `/<environment>/<service>/`.
 *
 * @example
 * tableName: parameter(v.string()),
 * maxItems: parameter(v.pipe(v.string(), v.transform(Number), v.integer()), { default: '10' }),
 * dbHost: parameter(z.string(), { name: 'db/host' }),
 * signingKey: parameter(v.string(), { secure: true }),
 * logLevel: parameter(v.string(), { default: 'INFO', tunable: true }),   // created once, then operators' value
 * featureFlag: parameter(v.optional(v.string())),   // optional: the schema accepts undefined
 */
export function parameter<S extends StandardSchemaV1>(
  schema: S & StringInput<S>,
  options: ParameterOptions = {},
): ParameterSetting<S> {
  if (!isStandardSchema(schema)) {
    throw new SettingsDefinitionError(
      'parameter() needs a Standard Schema validator (zod 4, valibot 1, ...) as its first argument, e.g. parameter(v.string()).',
    );
  }
  const { name, default: defaultValue, secure = false, tunable = false } = options;
  if (name !== undefined) assertParameterName(name, `parameter(..., { name: "${name}" })`);
  if (defaultValue !== undefined && typeof defaultValue !== 'string') {
    throw new SettingsDefinitionError(
      `parameter default ${JSON.stringify(defaultValue)} is a ${typeof defaultValue}; defaults are raw SSM values, ` +
        `so write it as a string: { default: '${String(defaultValue)}' }.`,
    );
  }
  if (secure && defaultValue !== undefined) {
    throw new SettingsDefinitionError(
      `A secure parameter cannot have a default: the default would sit in code and in plain Terraform. ` +
        `Remove the default, or make the parameter non-secure.`,
    );
  }
  if (tunable && defaultValue === undefined) {
    throw new SettingsDefinitionError(
      'A tunable parameter needs a default: infra creates it with that value and then leaves it to operators. ' +
        "Add a default (e.g. { tunable: true, default: 'INFO' }), or remove tunable.",
    );
  }
  useParameterStore();
  return Object.freeze({
    kind: 'parameter' as const,
    schema,
    secure,
    ...(tunable ? { tunable } : {}),
    ...(name === undefined ? {} : { name }),
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
  });
}

export function assertParameterName(name: string, where: string): void {
  if (!PARAMETER_NAME.test(name)) {
    throw new SettingsDefinitionError(
      `${where}: "${name}" is not a valid parameter name. Use letters, digits, "_", "." and "-", with "/" between ` +
        'segments and no leading "/" (names are relative to the settings path), e.g. "table-name" or "db/host".',
    );
  }
}
