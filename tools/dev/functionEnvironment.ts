import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalConfig } from '../invoke/localServices';
import type { LocalCloud } from './localCloud';
import { resolveValue } from './resolveValue';
import type { FunctionModel, StackModel } from './types';

/**
 * local.json's `sqs:`, `sns:` and `dynamodb:` variables that the stack wires itself: the stack's queue, topic or
 * table wins, so a function sends to the queue that its consumer polls.
 */
export function wiredByStack(stack: StackModel, config: LocalConfig): Set<string> {
  const stackVariables = new Set(stack.functions.flatMap((fn) => Object.keys(fn.variables)));
  return new Set(
    Object.entries(config.environment ?? {})
      .filter(([name, value]) => /^(sqs|sns|dynamodb):/.test(value) && stackVariables.has(name))
      .map(([name]) => name),
  );
}

/** Writes the service's local settings where the settings package reads them (SETTINGS_FILE). */
export function writeSettings(workDir: string, service: string, config: LocalConfig): string {
  const dir = join(workDir, service);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  writeFileSync(file, JSON.stringify(config.settings ?? {}));
  return file;
}

/**
 * The environment Lambda would give the function: its stack's variables (resolved to local
 * resources), what Lambda itself sets, fake credentials and loopback endpoints, then local.json.
 */
export function functionEnvironment(
  stack: StackModel,
  fn: FunctionModel,
  cloud: LocalCloud,
  local: { settingsFile: string; environment: Record<string, string> },
): { environment: Record<string, string>; unresolved: string[] } {
  const unresolved: string[] = [];
  const variables: Record<string, string> = {};
  for (const [name, raw] of Object.entries(fn.variables)) {
    const resolved = resolveValue(stack, raw, cloud);
    variables[name] = resolved.value;
    unresolved.push(...resolved.unresolved.map((reference) => `${name}=${reference}`));
  }
  const environment: Record<string, string> = {
    ...variables,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    // What Lambda sets for on-demand environments; Powertools reports cold starts only then.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    // Lambda derives these from logging_config (platform functions: TRACE, so Lambda drops no line).
    ...(fn.logFormat === 'JSON' && fn.logLevel
      ? { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: fn.logLevel }
      : {}),
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_REGION: stack.region,
    AWS_DEFAULT_REGION: stack.region,
    TZ: ':UTC',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Any AWS service without a local stand-in fails on a closed loopback port, never reaches AWS.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL_SQS: cloud.sqsEndpoint,
    AWS_ENDPOINT_URL_SNS: cloud.sqsEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: cloud.dynamodbEndpoint,
    SETTINGS_PROVIDER: 'local',
    SETTINGS_FILE: local.settingsFile,
    // Local settings are refused inside Lambda unless asked for; this is a deliberate local run.
    SETTINGS_ALLOW_LOCAL: 'true',
    ...local.environment,
  };
  return { environment, unresolved };
}
