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
