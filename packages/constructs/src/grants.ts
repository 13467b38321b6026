import { arn, type ArnContext, parameterArn, secretArnPattern } from './arns';
import { invalidChoice, invalidSettingName, secureParameterDefault } from './errors';
import { allow, type PolicyStatement } from './iam';
import type { SettingsDeclaration } from './types';

/** How a function may read its parameters. */
export type SettingsAccess =
  /** Everything under `/<env>/<service>/` (what the settings package reads: GetParametersByPath). */
  | 'path'
  /** Exactly the declared parameters, by name (GetParameter/GetParameters only). */
  | 'parameters';

const PARAMETER_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

export function validateDeclaration(construct: string, declaration: SettingsDeclaration): void {
  for (const p of declaration.parameters) {
    if (!PARAMETER_NAME.test(p.name)) {
      throw invalidSettingName(
        construct,
        'parameter',
        p.name,
        'Use a name relative to the settings path: letters, digits, "_.-", and "/" between levels (e.g. "db/host").',
      );
    }
    if (p.secure && p.default !== undefined) throw secureParameterDefault(construct, p.name);
  }
  for (const name of declaration.secrets) validateSecretName(construct, name);
}

export function validateSecretName(construct: string, name: string): void {
  if (!SECRET_NAME.test(name)) {
    throw invalidSettingName(
      construct,
      'secret',
      name,
      'Use letters, digits and "/_+=.@-", at most 512 characters (e.g. "orders/api-key").',
    );
  }
}

/** Any KMS key of the account: what kms:Decrypt for SecureStrings is granted on (SSM_KEYS_REASON). */
export const ssmKeys = (ctx: ArnContext): string => arn(ctx, 'kms', 'key/*');
export const SSM_KEYS_REASON =
  "SecureStrings use the account's AWS-managed key (alias/aws/ssm), whose ID is not known offline: any key " +
  "of the account, but only when SSM decrypts one of this service's parameters (kms:ViaService, kms:EncryptionContext:PARAMETER_ARN)";

/** Read rights on the service's parameters, and kms:Decrypt for its SecureStrings through SSM only. */
export function settingsStatements(
  ctx: ArnContext,
  path: string,
  declaration: SettingsDeclaration,
  access: SettingsAccess,
): PolicyStatement[] {
  const base = path.replace(/\/$/, '');
  const statements: PolicyStatement[] =
    access === 'path'
      ? [
          // GetParametersByPath is authorized against the requested path, with or without its trailing slash.
          allow(['ssm:GetParametersByPath'], [parameterArn(ctx, base), parameterArn(ctx, `${base}/*`)]),
          allow(['ssm:GetParameter', 'ssm:GetParameters'], [parameterArn(ctx, `${base}/*`)]),
        ]
      : declaration.parameters.length > 0
        ? [
            allow(
              ['ssm:GetParameter', 'ssm:GetParameters'],
              declaration.parameters.map((p) => parameterArn(ctx, `${base}/${p.name}`)),
            ),
          ]
        : [];
  if (declaration.parameters.some((p) => p.secure)) {
    statements.push(
      allow(['kms:Decrypt'], [ssmKeys(ctx)], {
        Condition: {
          StringEquals: { 'kms:ViaService': `ssm.${ctx.region}.amazonaws.com` },
          StringLike: { 'kms:EncryptionContext:PARAMETER_ARN': parameterArn(ctx, `${base}/*`) },
        },
      }),
    );
  }
  if (declaration.secrets.length > 0) statements.push(...secretStatements(ctx, declaration.secrets));
  return statements;
}

/** GetSecretValue on exactly these secrets (ARN pattern: Secrets Manager appends 6 random characters). */
export function secretStatements(ctx: ArnContext, names: readonly string[]): PolicyStatement[] {
  return [
    allow(
      ['secretsmanager:GetSecretValue'],
      names.map((n) => secretArnPattern(ctx, n)),
    ),
  ];
}

/** DynamoDB data-plane actions a function may be granted on a table. */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'Scan'
  | 'ConditionCheckItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem';

/** What a function may do on a table: a preset, or exactly the listed actions. */
export type TableAccess = 'read' | 'write' | 'readWrite' | readonly TableAction[];

const READ: readonly TableAction[] = ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem'];
const WRITE: readonly TableAction[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];
// Scan is in no preset: reading a whole table is rarely what a function should do; list it explicitly.
const TABLE_PRESETS: Record<'read' | 'write' | 'readWrite', readonly TableAction[]> = {
  read: READ,
  write: WRITE,
  readWrite: [...READ, ...WRITE],
};
const TABLE_ACTIONS = new Set<string>([...READ, ...WRITE, 'Scan']);

/** The actions of an access, checked (a typo in plain JavaScript or a cast must not reach IAM). */
export function tableActions(construct: string, access: TableAccess): readonly TableAction[] {
  if (typeof access === 'string') {
    if (Object.hasOwn(TABLE_PRESETS, access)) return TABLE_PRESETS[access];
  } else if (Array.isArray(access) && access.length > 0) {
    const unknown = access.filter((a) => !TABLE_ACTIONS.has(a));
    if (unknown.length === 0) return [...new Set(access)];
    throw invalidChoice(construct, 'action', unknown[0], [...TABLE_ACTIONS]);
  }
  throw invalidChoice(construct, 'access', access, ['read', 'write', 'readWrite', '[<actions>]']);
}

/** The actions on exactly this table (no index, no stream: tables here have neither). */
export function tableStatements(tableArn: string, actions: readonly TableAction[]): PolicyStatement[] {
  return [
    allow(
      actions.map((a) => `dynamodb:${a}`),
      [tableArn],
    ),
  ];
}
