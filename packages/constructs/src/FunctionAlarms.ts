import type { Construct } from 'constructs';
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { type AlarmSpec, mathAlarm, metricAlarm } from './alarms';
import { invalidRange } from './errors';
import { checkInteger } from './checkInteger';
import type { FunctionAlarmOptions } from './functionParts';
import { PLATFORM_NAMESPACE, platformDimensions, type PlatformMetricName } from './platformMetrics';

export const DEFAULT_DURATION_SHARE = 0.8;
export const DEFAULT_CONCURRENCY_SHARE = 0.8;
export const DEFAULT_ERROR_RATE = 0.05;
export const DEFAULT_ERROR_RATE_MINIMUM = 10;
/** The error rate's window: long enough for a rate, short enough for a canary's bake time. */
const ERROR_RATE_PERIOD_S = 300;

interface AlarmedFunction {
  readonly id: string;
  readonly service: string;
  readonly environment: string;
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
  const rate = options.errorRate;
  if (rate !== undefined && rate !== false && !(rate >= 0.001 && rate <= 1)) {
    throw invalidRange(construct, 'alarms.errorRate', rate, 0.001, 1, '(a share: 0.05 is 5 %)');
  }
  checkInteger(
    construct,
    'alarms.errorRateMinimum',
    options.errorRateMinimum,
    1,
    1_000_000,
    'requests, runs or records in 5 minutes',
  );
}

/**
 * The function's alarms, to the stack's alarm topic: errors, throttles, p99 duration, concurrency when
 * reserved, and the error rate of its handled work.
 */
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
  const alarms = specs.map(([id, spec]) => metricAlarm(scope, id, topicArn, spec));
  const rate = options.errorRate ?? DEFAULT_ERROR_RATE;
  if (rate !== false) alarms.push(errorRateAlarm(scope, fn, topicArn, rate, options.errorRateMinimum));
  return alarms;
}

/**
 * Failed work ÷ work in 5 minutes, from the wrappers' metrics (namespace Platform), so that what Lambda's
 * Errors never sees counts: 500 answers, failed scheduled runs and failed SQS records. Work is the SQS
 * records when the function received any, else its invocations; below the minimum the rate is 0, so a
 * single failure of a quiet function does not page (its Errors alarm still sees what throws).
 */
function errorRateAlarm(
  scope: Construct,
  fn: AlarmedFunction,
  topicArn: string,
  rate: number,
  minimum = DEFAULT_ERROR_RATE_MINIMUM,
): CloudwatchMetricAlarm {
  const metric = (metricName: PlatformMetricName, status?: string) => ({
    namespace: PLATFORM_NAMESPACE,
    metricName,
    dimensions: platformDimensions(fn, status),
    stat: 'Sum',
  });
  return mathAlarm(scope, 'error-rate-alarm', topicArn, {
    name: `${fn.functionName}-error-rate`,
    description: `${fn.functionName}: more than ${+(rate * 100).toFixed(1)} % of its requests, scheduled runs or SQS records failed in 5 minutes (at least ${minimum} of them).`,
    metrics: {
      invocations: metric('Invocations'),
      errors: metric('Invocations', 'error'),
      records: metric('Records'),
      failedRecords: metric('FailedRecords'),
    },
    expressions: {
      work: 'IF(FILL(records, 0) > 0, FILL(records, 0), FILL(invocations, 0))',
      failures: 'FILL(errors, 0) + FILL(failedRecords, 0)',
    },
    result: {
      id: 'errorRate',
      expression: `IF(work >= ${minimum}, failures / work, 0)`,
      label: 'Share of failed requests, runs or records',
    },
    threshold: rate,
    period: ERROR_RATE_PERIOD_S,
  });
}
