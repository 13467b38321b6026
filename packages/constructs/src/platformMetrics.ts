/*
 * What the handler wrappers of @platform/lambda write as CloudWatch Embedded Metric Format
 * (packages/lambda/src/invocationMetrics.ts): the namespace, metric names and dimensions the alarms and
 * the dashboard read. Constructs never import runtime packages, so the names are repeated here; the tests
 * of both packages pin them to the same literals.
 */

export const PLATFORM_NAMESPACE = 'Platform';

export type PlatformMetricName =
  'Invocations' | 'ColdStart' | 'Records' | 'FailedRecords' | 'ScheduleFailures';

/** Whose metrics: the dimensions every wrapper metric carries (plus `status` on a second set). */
export interface MetricOwner {
  readonly service: string;
  readonly environment: string;
  /** The Lambda function name, `<service>-<environment>-<id>`. */
  readonly functionName: string;
}

export function platformDimensions(owner: MetricOwner, status?: string): Record<string, string> {
  return {
    service: owner.service,
    environment: owner.environment,
    function: owner.functionName,
    ...(status === undefined ? {} : { status }),
  };
}
