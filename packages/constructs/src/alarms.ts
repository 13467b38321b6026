import type { Construct } from 'constructs';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

export interface AlarmSpec {
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /** `Sum`, `Maximum`, ... or a percentile such as `p99`. */
  readonly statistic: string;
  readonly threshold: number;
  /** @default GreaterThanOrEqualToThreshold */
  readonly comparison?: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold';
  /** Seconds per datapoint. @default 60 */
  readonly period?: number;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
}

/**
 * A metric alarm that notifies the stack's alarm topic on ALARM and on OK.
 *
 * treat_missing_data is notBreaching on purpose: these metrics have no datapoints while nothing
 * happens (an idle function, an inactive queue), and silence is not a failure. `missing` would
 * leave such alarms in INSUFFICIENT_DATA, which also stops CodeDeploy from telling healthy from unknown.
 */
export function metricAlarm(
  scope: Construct,
  id: string,
  topicArn: string,
  spec: AlarmSpec,
): CloudwatchMetricAlarm {
  const percentile = /^p\d+(\.\d+)?$/.test(spec.statistic);
  const evaluationPeriods = spec.evaluationPeriods ?? 1;
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: spec.name,
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions,
    ...(percentile ? { extendedStatistic: spec.statistic } : { statistic: spec.statistic }),
    threshold: spec.threshold,
    comparisonOperator: spec.comparison ?? 'GreaterThanOrEqualToThreshold',
    period: spec.period ?? 60,
    evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm ?? evaluationPeriods,
    treatMissingData: 'notBreaching',
    alarmActions: [topicArn],
    okActions: [topicArn],
  });
}

/** One metric of a metric-math alarm, by its query id. */
export interface MathMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /** `Sum`, `Maximum`, ... */
  readonly stat: string;
}

export interface MathAlarmSpec {
  readonly name: string;
  readonly description: string;
  /** The metrics the expressions read, by query id (lower-case first letter, as CloudWatch requires). */
  readonly metrics: Readonly<Record<string, MathMetric>>;
  /** Intermediate expressions by query id, in order; not returned. */
  readonly expressions?: Readonly<Record<string, string>>;
  /** The expression the alarm compares with the threshold. */
  readonly result: { readonly id: string; readonly expression: string; readonly label: string };
  readonly threshold: number;
  /** Seconds per datapoint of every metric. */
  readonly period: number;
}

/**
 * A metric-math alarm (a rate, a share of two sums) that notifies the stack's alarm topic on ALARM and on
 * OK, above its threshold in one period; missing data is not breaching, as for metricAlarm.
 */
export function mathAlarm(scope: Construct, id: string, topicArn: string, spec: MathAlarmSpec) {
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: spec.name,
    alarmDescription: spec.description,
    metricQuery: [
      ...Object.entries(spec.metrics).map(([queryId, metric]) => ({
        id: queryId,
        returnData: false,
        metric: { ...metric, period: spec.period },
      })),
      ...Object.entries(spec.expressions ?? {}).map(([queryId, expression]) => ({
        id: queryId,
        expression,
        returnData: false,
      })),
      { ...spec.result, returnData: true },
    ],
    threshold: spec.threshold,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
    alarmActions: [topicArn],
    okActions: [topicArn],
  });
}
