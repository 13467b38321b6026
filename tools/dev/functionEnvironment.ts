import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalConfig } from '../invoke/localServices';
import { key, type LocalCloud } from './localCloud';
import { parseReference } from './readStack';
import type { FunctionModel, StackModel } from './types';

/**
 * Terraform references in a value -> the local resource's value (`${aws_sqs_queue.x.url}` -> the
 * local queue URL). References without a local stand-in stay as they are and are returned, so the
 * summary can name them.
 */
export function resolveValue(
  stack: StackModel,
  value: string,
  cloud: LocalCloud,
): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const literal = crossServiceValue(value, cloud);
  if (literal !== undefined) return { value: literal, unresolved };
  const resolved = value.replace(/\$\{[^}]+\}/g, (reference) => {
    const local = localValue(stack, reference, cloud);
    if (local === undefined) unresolved.push(reference);
    return local ?? reference;
  });
  return { value: resolved, unresolved };
}

/**
 * Another service's queue or topic named by its deployed URL or ARN (links between services are
 * literals computed from the topology) -> the local one.
 */
function crossServiceValue(value: string, cloud: LocalCloud): string | undefined {
  for (const queue of cloud.queues.values()) {
    if (value.startsWith('https://sqs.') && value.endsWith(`/${queue.model.name}`)) return queue.url;
    if (value.startsWith('arn:aws:sqs:') && value.endsWith(`:${queue.model.name}`)) return queue.arn;
  }
  for (const topic of cloud.topics.values()) {
    if (value.startsWith('arn:aws:sns:') && value.endsWith(`:${topic.name}`)) return topic.arn;
  }
  return undefined;
}

function localValue(stack: StackModel, text: string, cloud: LocalCloud): string | undefined {
  const reference = parseReference(text);
  if (!reference) return undefined;
  const { address, attribute } = reference;
  const [type] = address.split('.');
  if (type === 'aws_sqs_queue') {
    const queue = cloud.queues.get(key(stack, address));
    return queue && { url: queue.url, id: queue.url, arn: queue.arn, name: queue.model.name }[attribute];
  }
  if (type === 'aws_dynamodb_table') {
    const table = cloud.tables.get(key(stack, address));
    return table && { name: table.name, id: table.name, arn: table.arn }[attribute];
  }
  if (type === 'aws_sns_topic') {
    const topic = cloud.topics.get(key(stack, address));
    return topic && { arn: topic.arn, id: topic.arn, name: topic.name }[attribute];
  }
  const fn = stack.functions.find((f) => f.address === address);
  if (fn) {
    const arn = `arn:aws:lambda:${stack.region}:000000000000:function:${fn.name}`;
    return { function_name: fn.name, id: fn.name, arn, invoke_arn: arn }[attribute];
  }
  return undefined;
}

/**
 * local.json's `sqs:` and `dynamodb:` variables that the stack wires itself: the stack's queue or
 * table wins, so a function sends to the queue that its consumer polls.
 */
export function wiredByStack(stack: StackModel, config: LocalConfig): Set<string> {
  const stackVariables = new Set(stack.functions.flatMap((fn) => Object.keys(fn.variables)));
  return new Set(
    Object.entries(config.environment ?? {})
      .filter(([name, value]) => /^(sqs|dynamodb):/.test(value) && stackVariables.has(name))
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
    // Lambda derives these from logging_config: Powertools follows AWS_LAMBDA_LOG_LEVEL.
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
