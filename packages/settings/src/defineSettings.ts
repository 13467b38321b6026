import { SettingsDefinitionError } from './errors';
import { assertParameterName } from './parameter';
import type { InferSettings, Setting, SettingsDeclaration, SettingsDefinition } from './types';

/**
 * Declares a service's settings once: non-secret parameters (SSM, under the service's path) and
 * secrets (Secrets Manager), each with a Standard Schema validator. The result types the loaded
 * values and carries `declaration`, the plain data infra uses to create parameters and grant read.
 *
 * @example
 * export const settings = defineSettings({
 *   tableName: parameter(v.string()),
 *   maxItems: parameter(v.pipe(v.string(), v.transform(Number)), { default: '10' }),
 *   apiKey: secret('orders/api-key'),
 * });
 */
export function defineSettings<D extends Record<string, Setting>>(
  settings: D,
): SettingsDefinition<InferSettings<D>> {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new SettingsDefinitionError(
      'defineSettings() takes an object of settings, e.g. defineSettings({ tableName: parameter(v.string()) }).',
    );
  }
  const byName = new Map<string, string>();
  for (const [key, setting] of Object.entries(settings)) {
    if (setting?.kind === 'secret') continue;
    if (setting?.kind !== 'parameter') {
      throw new SettingsDefinitionError(
        `Setting "${key}" is not declared with parameter() or secret(); write e.g. ${key}: parameter(v.string()).`,
      );
    }
    const name = parameterName(key, setting.name);
    const other = byName.get(name);
    if (other !== undefined) {
      throw new SettingsDefinitionError(
        `Settings "${other}" and "${key}" both read the parameter "${name}". Give one of them another { name }.`,
      );
    }
    byName.set(name, key);
  }
  const frozen = Object.freeze({ ...settings });
  return Object.freeze({
    settings: frozen,
    get declaration(): SettingsDeclaration {
      return declare(frozen);
    },
  });
}

/** The parameter's name relative to the settings path: its own `name`, else the setting's key. */
export function parameterName(key: string, name: string | undefined): string {
  if (name !== undefined) return name;
  assertParameterName(key, `Setting "${key}" (its key is its parameter name unless you pass { name })`);
  return key;
}

function declare(settings: Readonly<Record<string, Setting>>): SettingsDeclaration {
  const parameters: SettingsDeclaration['parameters'] = [];
  const secrets = new Set<string>();
  for (const [key, setting] of Object.entries(settings)) {
    if (setting.kind === 'secret') {
      secrets.add(setting.name);
      continue;
    }
    parameters.push({
      name: parameterName(key, setting.name),
      secure: setting.secure,
      ...(setting.default === undefined ? {} : { default: setting.default }),
      ...(setting.tunable ? { tunable: true } : {}),
    });
  }
  return { parameters, secrets: [...secrets] };
}
