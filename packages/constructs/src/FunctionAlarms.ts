import type { Construct } from 'constructs';
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { type AlarmSpec, metricAlarm } from './alarms';
import { invalidRange } from './errors';
import { checkInteger } from './checkInteger';
import type { FunctionAlarmOptions } from './functionParts';

export const DEFAULT_DURATION_SHARE = 0.8;
export const DEFAULT_CONCURRENCY_SHARE = 0.8;

interface AlarmedFunction {
  readonly id: string;
  readonly functionName: string;
  readonly timeout: number;
  readonly reservedConcurrency?: number;
}

export function validateAlarmOptions(fn: string, options: FunctionAlarmOptions = {}): void {
  const construct = `Function "${fn}"`;
  for (const field of ['errors', 'throttles'] as const) {
    const value = options[field];
    if (value !== false) checkInteger(construct, `alarms.${field}`, value, 1, 1_000_000, 'per minute');
  }
  for (const field of ['durationShareOfTimeout', 'concurrencyShareOfReserved'] as const) {
    const value = options[field];
    if (value !== undefined && value !== false && !(value > 0 && value <= 1)) {
      throw invalidRange(construct, `alarms.${field}`, value, 0.01, 1, '(a share: 0.8 is 80 %)');
    }
  }
}

/** The function's alarms, to the stack's alarm topic: errors, throttles, p99 duration, and concurrency when reserved. */
export function functionAlarms(
  scope: Construct,
  fn: AlarmedFunction,
  topicArn: string,
  options: FunctionAlarmOptions = {},
): CloudwatchMetricAlarm[] {
  const dimensions = { FunctionName: fn.functionName };
  const base = { namespace: 'AWS/Lambda', dimensions };
  const specs: [string, AlarmSpec][] = [];
  const errors = options.errors ?? 1;
  if (errors !== false) {
    specs.push([
      'errors-alarm',
      {
        ...base,
        name: `${fn.functionName}-errors`,
        description: `${fn.functionName}: ${errors}+ failed invocations in a minute.`,
        metricName: 'Errors',
        statistic: 'Sum',
        threshold: errors,
      },
    ]);
  }
  const throttles = options.throttles ?? 1;
  if (throttles !== false) {
    specs.push([
      'throttles-alarm',
      {
        ...base,
        name: `${fn.functionName}-throttles`,
        description: `${fn.functionName}: ${throttles}+ throttled invocations in a minute (concurrency limit reached).`,
        metricName: 'Throttles',
        statistic: 'Sum',
        threshold: throttles,
      },
    ]);
  }
  const durationShare = options.durationShareOfTimeout ?? DEFAULT_DURATION_SHARE;
  if (durationShare !== false) {
    const threshold = Math.round(fn.timeout * 1000 * durationShare);
    specs.push([
      'duration-alarm',
      {
        ...base,
        name: `${fn.functionName}-duration-p99`,
        description: `${fn.functionName}: p99 duration above ${threshold} ms (${Math.round(durationShare * 100)} % of the ${fn.timeout} s timeout) in 3 of 5 minutes.`,
        metricName: 'Duration',
        statistic: 'p99',
        threshold,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
      },
    ]);
  }
  const concurrencyShare = options.concurrencyShareOfReserved ?? DEFAULT_CONCURRENCY_SHARE;
  if (concurrencyShare !== false && fn.reservedConcurrency) {
    const threshold = Math.max(1, Math.floor(fn.reservedConcurrency * concurrencyShare));
    specs.push([
      'concurrency-alarm',
      {
        ...base,
        name: `${fn.functionName}-concurrency`,
        description: `${fn.functionName}: ${threshold}+ concurrent executions (${Math.round(concurrencyShare * 100)} % of the ${fn.reservedConcurrency} reserved) in 3 of 5 minutes.`,
        metricName: 'ConcurrentExecutions',
        statistic: 'Maximum',
        threshold,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
      },
    ]);
  }
  return specs.map(([id, spec]) => metricAlarm(scope, id, topicArn, spec));
}
