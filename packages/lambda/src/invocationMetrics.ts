import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { logger } from '@platform/logging';
import type { ResponseStatus } from './status';

/** The CloudWatch namespace of the wrappers' metrics; the constructs' alarms and dashboard read it. */
export const METRICS_NAMESPACE = 'Platform';

/** What one invocation ended with, as its metrics report it. */
export interface InvocationOutcome {
  /**
   * The standard status: an HTTP response's; a schedule's result, or `error` when it failed; an SQS batch
   * `success` when it returned (its records count apart) and `error` when it was rejected.
   */
  readonly status: ResponseStatus;
  /** SQS batches: records received and records reported in `batchItemFailures`. */
  readonly records?: { readonly received: number; readonly failed: number };
  /** Schedules: whether the invocation failed (and will be retried, then sent to the failure destination). */
  readonly scheduleFailed?: boolean;
}

let metrics: Metrics | undefined;
// Loaded at init: the first invocation of an on-demand environment is its cold start (Powertools' rule;
// provisioned environments are initialised before any caller waits).
let coldStart = process.env.AWS_LAMBDA_INITIALIZATION_TYPE === 'on-demand';

/**
 * Writes the invocation's metrics as one CloudWatch Embedded Metric Format line on stdout (no API call):
 * `Invocations`, `ColdStart` (cold starts only), `Records` and `FailedRecords` (SQS), `ScheduleFailures`
 * (schedules), each under the dimension sets {service, environment, function} and {service, environment,
 * function, status}. Every dimension value is fixed per function except `status`, one of the standard
 * statuses: cardinality stays bounded. A failure to write is logged, never thrown.
 */
export function recordInvocation(context: Context | undefined, outcome: InvocationOutcome): void {
  try {
    metrics ??= new Metrics({
      namespace: METRICS_NAMESPACE,
      serviceName: process.env.SERVICE || process.env.POWERTOOLS_SERVICE_NAME || 'unknown',
      defaultDimensions: { environment: process.env.ENVIRONMENT || 'unknown' },
    });
    const fn = context?.functionName || process.env.AWS_LAMBDA_FUNCTION_NAME || 'unknown';
    metrics.addDimensions({ function: fn });
    metrics.addDimensions({ function: fn, status: outcome.status });
    metrics.addMetric('Invocations', MetricUnit.Count, 1);
    if (coldStart) metrics.addMetric('ColdStart', MetricUnit.Count, 1);
    coldStart = false;
    if (outcome.records) {
      metrics.addMetric('Records', MetricUnit.Count, outcome.records.received);
      metrics.addMetric('FailedRecords', MetricUnit.Count, outcome.records.failed);
    }
    if (outcome.scheduleFailed !== undefined) {
      metrics.addMetric('ScheduleFailures', MetricUnit.Count, outcome.scheduleFailed ? 1 : 0);
    }
    metrics.publishStoredMetrics();
  } catch (error) {
    // Metrics must never fail the function.
    logger.warn('Could not write the invocation metrics', { error: String(error) });
  }
}
