import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkInteger } from './checkInteger';
import {
  bundleMissing,
  invalidChoice,
  invalidEnvironmentVariableName,
  provisionedAboveReserved,
  reservedEnvironmentVariable,
} from './errors';
import type { AsyncInvocationOptions, FunctionAlarmOptions, TrafficShiftingOptions } from './functionParts';
import { NAME_LIMITS, checkedName } from './names';
import type { ServiceStack } from './ServiceStack';
import { LOG_RETENTION_DAYS, type LogRetentionDays } from './types';

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export const LOG_LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

export interface ServiceFunctionProps {
  /** Memory in MB, 128–10240 (CPU grows with it). @default 256 */
  readonly memorySize?: number;
  /** Timeout in seconds, 1–900. @default 10 */
  readonly timeout?: number;
  /** Days the function's logs are kept. @default 30 */
  readonly logRetentionDays?: LogRetentionDays;
  /**
   * Lowest level logged at cold start (env `LOG_LEVEL`); the log-level setting changes it at runtime.
   * Lambda's own JSON log filter stays at TRACE, so it never drops what the logger writes. @default 'INFO'
   */
  readonly logLevel?: LogLevel;
  /** Non-secret configuration only; secrets come from settings at runtime (the guardrails check names). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Concurrency reserved for (and capping) this function; `0` stops it. @default none: the account's unreserved pool */
  readonly reservedConcurrency?: number;
  /** Pre-initialised environments on the `live` alias: no cold starts up to this concurrency. @default none */
  readonly provisionedConcurrency?: number;
  /** @default `<service> <id> (<environment>)` */
  readonly description?: string;
  /** For functions invoked asynchronously (schedules, SNS, EventBridge): retries and a DLQ. A Schedule adds the defaults. @default none */
  readonly asyncInvocation?: AsyncInvocationOptions;
  /** Alarm thresholds; every alarm is on by default. */
  readonly alarms?: FunctionAlarmOptions;
  /** Gradual deployment of new versions through CodeDeploy, rolled back on the function's alarms. @default off (all at once) */
  readonly trafficShifting?: TrafficShiftingOptions;
}

export const DEFAULT_MEMORY_MB = 256;
export const DEFAULT_TIMEOUT_S = 10;
export const DEFAULT_LOG_RETENTION_DAYS: LogRetentionDays = 30;
export const DEFAULT_LOG_LEVEL: LogLevel = 'INFO';
const MAX_CONCURRENCY = 10_000;

/** Set by the platform; `LOG_LEVEL` through `logLevel`. */
const PLATFORM_VARIABLES = [
  'SERVICE',
  'ENVIRONMENT',
  'SETTINGS_PATH',
  'LOG_LEVEL',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
];
/** Reserved by the Lambda runtime: setting them fails at deploy. */
const LAMBDA_RESERVED =
  /^(_HANDLER|_X_AMZN_TRACE_ID|AWS_REGION|AWS_DEFAULT_REGION|AWS_EXECUTION_ENV|AWS_LAMBDA_\w+|AWS_ACCESS_KEY|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR)$/;
const VARIABLE_NAME = /^[A-Za-z]\w*$/;

export function validateFunctionProps(id: string, props: ServiceFunctionProps): void {
  const fn = `Function "${id}"`;
  checkInteger(fn, 'memorySize', props.memorySize, 128, 10240, 'MB');
  checkInteger(fn, 'timeout', props.timeout, 1, 900, 'seconds');
  if (props.logRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(props.logRetentionDays)) {
    throw invalidChoice(fn, 'logRetentionDays', props.logRetentionDays, LOG_RETENTION_DAYS);
  }
  if (props.logLevel !== undefined && !LOG_LEVELS.includes(props.logLevel))
    throw invalidChoice(fn, 'logLevel', props.logLevel, LOG_LEVELS);
  checkInteger(
    fn,
    'reservedConcurrency',
    props.reservedConcurrency,
    0,
    MAX_CONCURRENCY,
    'concurrent executions',
  );
  checkInteger(
    fn,
    'provisionedConcurrency',
    props.provisionedConcurrency,
    1,
    MAX_CONCURRENCY,
    'concurrent executions',
  );
  if (
    props.provisionedConcurrency !== undefined &&
    props.reservedConcurrency !== undefined &&
    props.provisionedConcurrency > props.reservedConcurrency
  ) {
    throw provisionedAboveReserved(id, props.provisionedConcurrency, props.reservedConcurrency);
  }
  for (const name of Object.keys(props.environment ?? {})) validateVariableName(id, name);
}

export function validateVariableName(fn: string, name: string): void {
  if (!VARIABLE_NAME.test(name)) throw invalidEnvironmentVariableName(fn, name);
  if (PLATFORM_VARIABLES.includes(name)) {
    throw reservedEnvironmentVariable(
      fn,
      name,
      name === 'LOG_LEVEL' || name === 'POWERTOOLS_LOG_LEVEL'
        ? 'it is set from the logLevel prop'
        : 'the platform sets it',
    );
  }
  if (LAMBDA_RESERVED.test(name))
    throw reservedEnvironmentVariable(fn, name, 'the Lambda runtime reserves it');
}

/** A function's props with every default applied: what ServiceFunction creates from. */
export interface ResolvedFunctionProps {
  /** `<service>-<environment>-<id>`, also the role's name. */
  readonly functionName: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly logLevel: LogLevel;
  readonly logRetentionDays: LogRetentionDays;
  readonly reservedConcurrency?: number;
  readonly provisionedConcurrency?: number;
  /** `<artifactsDir>/<id>.zip`, which exists. */
  readonly zipPath: string;
}

/** The defaults, in one place; the name must fit AWS's limit and the bundle must be built. */
export function resolveFunctionProps(
  stack: ServiceStack,
  id: string,
  props: ServiceFunctionProps,
): ResolvedFunctionProps {
  const { service, environment, artifactsDir } = stack.config;
  const functionName = checkedName(
    `Function "${id}"`,
    'Lambda function (and IAM role) name',
    stack.resourceName(id),
    NAME_LIMITS.lambdaFunction,
    stack.namePrefix,
  );
  const zipPath = join(artifactsDir, `${id}.zip`);
  if (!existsSync(zipPath)) throw bundleMissing(id, zipPath, service);
  return {
    functionName,
    description: props.description ?? `${service} ${id} (${environment})`,
    memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
    timeout: props.timeout ?? DEFAULT_TIMEOUT_S,
    logLevel: props.logLevel ?? DEFAULT_LOG_LEVEL,
    logRetentionDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    reservedConcurrency: props.reservedConcurrency,
    provisionedConcurrency: props.provisionedConcurrency,
    zipPath,
  };
}

/** The variables the platform sets (PLATFORM_VARIABLES), then the function's own. */
export function functionEnvironment(
  stack: ServiceStack,
  logLevel: LogLevel,
  environment: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const { service, environment: env } = stack.config;
  return {
    SERVICE: service,
    ENVIRONMENT: env,
    SETTINGS_PATH: stack.settingsPath,
    LOG_LEVEL: logLevel,
    POWERTOOLS_SERVICE_NAME: service,
    NODE_OPTIONS: '--enable-source-maps',
    ...environment,
  };
}
