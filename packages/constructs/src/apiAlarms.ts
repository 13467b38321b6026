import type { Construct } from 'constructs';
// Deep import: the provider barrel costs ~5x synth time and memory.
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { mathAlarm, metricAlarm } from './alarms';
import { checkInteger } from './checkInteger';
import { invalidRange } from './errors';

export interface HttpApiAlarmOptions {
  /** Share of requests answered 5xx in 5 minutes that raises the alarm, 0.001–1; `false` turns it off. @default 0.05 */
  readonly serverErrorRate?: number | false;
  /** Requests in 5 minutes below which the 5xx rate does not alarm, 1–1,000,000. @default 10 */
  readonly serverErrorRateMinimum?: number;
  /** p99 latency in ms that raises the alarm in 3 of 5 minutes, 10–30000; `false` turns it off. @default 1000 */
  readonly latencyP99?: number | false;
}

export const DEFAULT_API_SERVER_ERROR_RATE = 0.05;
export const DEFAULT_API_SERVER_ERROR_MINIMUM = 10;
export const DEFAULT_API_LATENCY_P99_MS = 1000;

export function validateApiAlarmOptions(construct: string, options: HttpApiAlarmOptions = {}): void {
  const rate = options.serverErrorRate;
  if (rate !== undefined && rate !== false && !(rate >= 0.001 && rate <= 1)) {
    throw invalidRange(construct, 'alarms.serverErrorRate', rate, 0.001, 1, '(a share: 0.05 is 5 %)');
  }
  checkInteger(
    construct,
    'alarms.serverErrorRateMinimum',
    options.serverErrorRateMinimum,
    1,
    1_000_000,
    'requests in 5 minutes',
  );
  // 30 s: the longest an HTTP API waits for its integration.
  if (options.latencyP99 !== false)
    checkInteger(construct, 'alarms.latencyP99', options.latencyP99, 10, 30_000, 'ms');
}

/**
 * An HTTP API stage's alarms (AWS/ApiGateway, dimensions ApiId and Stage): the share of 5xx answers in
 * 5 minutes, with a minimum of requests, and p99 latency in 3 of 5 minutes. They also roll back the
 * deployments of the functions the API routes to (ServiceFunction.addRollbackAlarms).
 */
export function apiAlarms(
  scope: Construct,
  api: { readonly name: string; readonly apiId: string; readonly stage: string },
  topicArn: string,
  options: HttpApiAlarmOptions = {},
): CloudwatchMetricAlarm[] {
  const dimensions = { ApiId: api.apiId, Stage: api.stage };
  const alarms: CloudwatchMetricAlarm[] = [];
  const rate = options.serverErrorRate ?? DEFAULT_API_SERVER_ERROR_RATE;
  if (rate !== false) {
    const minimum = options.serverErrorRateMinimum ?? DEFAULT_API_SERVER_ERROR_MINIMUM;
    const metric = (metricName: string) => ({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensions,
      stat: 'Sum',
    });
    alarms.push(
      mathAlarm(scope, '5xx-rate-alarm', topicArn, {
        name: `${api.name}-5xx-rate`,
        description: `${api.name}: more than ${+(rate * 100).toFixed(1)} % of requests answered 5xx in 5 minutes (at least ${minimum} requests).`,
        metrics: { requests: metric('Count'), serverErrors: metric('5xx') },
        result: {
          id: 'serverErrorRate',
          expression: `IF(FILL(requests, 0) >= ${minimum}, FILL(serverErrors, 0) / requests, 0)`,
          label: 'Share of requests answered 5xx',
        },
        threshold: rate,
        period: 300,
      }),
    );
  }
  const latency = options.latencyP99 ?? DEFAULT_API_LATENCY_P99_MS;
  if (latency !== false) {
    alarms.push(
      metricAlarm(scope, 'latency-alarm', topicArn, {
        name: `${api.name}-latency-p99`,
        description: `${api.name}: p99 latency above ${latency} ms in 3 of 5 minutes.`,
        namespace: 'AWS/ApiGateway',
        metricName: 'Latency',
        dimensions,
        statistic: 'p99',
        threshold: latency,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
      }),
    );
  }
  return alarms;
}
