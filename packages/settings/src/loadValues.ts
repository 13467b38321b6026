import { getDotPath } from '@standard-schema/utils';
import { parameterName } from './defineSettings';
import { InvalidSettingError, SettingNotFoundError, SettingsLoadError } from './errors';
import type { StandardSchemaIssue } from './standardSchema';
import type { Setting, SettingsDefinition, SettingsSource } from './types';

/**
 * Reads every declared value from the source (one pass: parameters by path, secrets by name) and
 * validates each against its schema. Every problem is collected, so one failed cold start names
 * them all; a single problem throws its own error class.
 */
export async function loadValues<T>(
  definition: SettingsDefinition<T>,
  source: SettingsSource,
  path: string,
): Promise<T> {
  const { parameters: declared, secrets: secretNames } = definition.declaration;
  const [parameters, secrets] = await Promise.all([
    declared.length > 0 ? source.getParameters(path) : {},
    secretNames.length > 0 ? source.getSecrets(secretNames) : {},
  ]);
  const entries = Object.entries(definition.settings);
  const results = await Promise.all(
    entries.map(([key, setting]) => resolveOne(key, setting, { parameters, secrets }, source, path)),
  );
  const errors = results.flatMap((r) => ('error' in r ? [r.error] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new SettingsLoadError(errors);
  return Object.freeze(
    Object.fromEntries(entries.map(([key], i) => [key, (results[i] as { value: unknown }).value])),
  ) as T;
}

async function resolveOne(
  key: string,
  setting: Setting,
  raw: { parameters: Record<string, string>; secrets: Record<string, string> },
  source: SettingsSource,
  path: string,
): Promise<{ value: unknown } | { error: SettingNotFoundError | InvalidSettingError }> {
  const name = setting.kind === 'secret' ? setting.name : parameterName(key, setting.name);
  const location = source.describe({ type: setting.kind, name, path });
  const stored = setting.kind === 'secret' ? own(raw.secrets, name) : own(raw.parameters, name);
  const value = stored ?? (setting.kind === 'parameter' ? setting.default : undefined);
  const hidden = setting.kind === 'secret' || setting.secure;
  let issues: readonly StandardSchemaIssue[] | undefined;
  try {
    const result = await setting.schema['~standard'].validate(value);
    if (!result.issues) return { value: result.value };
    issues = result.issues;
  } catch (error) {
    issues = [
      {
        message: `the validator threw ${(error as Error)?.name ?? 'an error'}: ${(error as Error)?.message}`,
      },
    ];
  }
  // A schema that rejects "nothing there" means the setting is required and missing.
  if (value === undefined) return { error: new SettingNotFoundError(key, location) };
  return {
    error: new InvalidSettingError(
      key,
      location,
      issues.map((issue) => formatIssue(issue, hidden)),
    ),
  };
}

function own(values: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

/** Validators often quote the value they reject; for secrets only where the problem is may be shown. */
function formatIssue(issue: StandardSchemaIssue, hidden: boolean): string {
  const at = getDotPath(issue);
  if (hidden) return `${at ? `at "${at}": ` : ''}invalid value (details withheld: the value is secret)`;
  return at ? `${at}: ${issue.message}` : issue.message;
}
