import type { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { ServiceStack } from './ServiceStack';

/*
 * A function's parts (async invocation, alarms, traffic shifting): their options, and the shape of the
 * function they are attached to. Apart from the constructs, so that `ServiceFunctionProps` names the
 * options and the parts take the function without importing ServiceFunction (no import cycle).
 */

export interface AsyncInvocationOptions {
  /** Retries after a failed asynchronous invocation, 0–2. @default 2 */
  readonly retryAttempts?: number;
  /** Seconds an event may wait before it goes to the DLQ unprocessed, 60–21600. @default 3600 */
  readonly maxEventAge?: number;
}

export interface FunctionAlarmOptions {
  /** Errors within a minute that raise the alarm; `false` turns it off. @default 1 */
  readonly errors?: number | false;
  /** Throttled invocations within a minute that raise the alarm; `false` turns it off. @default 1 */
  readonly throttles?: number | false;
  /** p99 duration, as a share of the timeout, that raises the alarm (3 of 5 minutes). @default 0.8 */
  readonly durationShareOfTimeout?: number | false;
  /** Peak concurrency, as a share of reservedConcurrency, that raises the alarm (only with reserved concurrency). @default 0.8 */
  readonly concurrencyShareOfReserved?: number | false;
  /**
   * Share of failed work in 5 minutes that raises the alarm, 0.001–1: 500 answers, failed scheduled runs and
   * failed SQS records, from the wrappers' metrics (what Lambda's `Errors` does not see). `false` turns it off.
   * @default 0.05
   */
  readonly errorRate?: number | false;
  /** Requests, scheduled runs or SQS records in 5 minutes below which the error rate does not alarm, 1–1,000,000. @default 10 */
  readonly errorRateMinimum?: number;
}

export const DEPLOYMENT_CONFIGS = [
  'LambdaCanary10Percent5Minutes',
  'LambdaCanary10Percent10Minutes',
  'LambdaCanary10Percent15Minutes',
  'LambdaCanary10Percent30Minutes',
  'LambdaLinear10PercentEvery1Minute',
  'LambdaLinear10PercentEvery2Minutes',
  'LambdaLinear10PercentEvery3Minutes',
  'LambdaLinear10PercentEvery10Minutes',
  'LambdaAllAtOnce',
] as const;
export type DeploymentConfig = (typeof DEPLOYMENT_CONFIGS)[number];

export interface TrafficShiftingOptions {
  /** How traffic moves to a new version (CodeDeploy's predefined Lambda configs). @default 'LambdaCanary10Percent5Minutes' */
  readonly deploymentConfig?: DeploymentConfig;
}

/**
 * What the constructs a function owns (AsyncInvocation, TrafficShifting) use of it. ServiceFunction
 * creates them, so they take this shape instead of importing ServiceFunction (no import cycle).
 */
export interface FunctionParts extends Construct {
  readonly stack: ServiceStack;
  /** `<service>-<environment>-<id>`. */
  readonly functionName: string;
  readonly function: LambdaFunction;
  readonly alias: LambdaAlias;
  readonly role: IamRole;
}
