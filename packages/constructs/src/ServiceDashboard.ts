import { Lazy, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { PLATFORM_NAMESPACE, platformDimensions, type MetricOwner } from './platformMetrics';

/** What the dashboard shows of a function (ServiceFunction adds itself). */
export interface DashboardFunction extends MetricOwner {
  readonly id: string;
  readonly timeout: number;
  readonly reservedConcurrency?: number;
}

/** What the dashboard shows of an HTTP API (HttpApi adds itself). */
export interface DashboardApi {
  readonly id: string;
  /** The API's AWS name, `<service>-<environment>-<id>`. */
  readonly name: string;
  /** A reference: HTTP API IDs are known after apply. */
  readonly apiId: string;
  readonly stage: string;
  /** The p99 latency alarm's threshold, drawn as a line. */
  readonly latencyP99?: number;
}

export interface DashboardQueue {
  /** The queue's full name (`.fifo` included). */
  readonly queueName: string;
  /** The age alarm's threshold in seconds, drawn as a line. */
  readonly maxAge?: number;
}

type MetricRow = (string | Record<string, unknown>)[];
interface Widget {
  readonly type: 'metric' | 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const PERIOD_S = 300;
const HEIGHT = 6;

/**
 * One CloudWatch dashboard per service and environment, `<service>-<environment>-dashboard`, filled by
 * the constructs as they are created: per function the invocations by status (the wrappers' metrics)
 * with cold starts, duration p50/p99 against the timeout, throttles and concurrency, failed work; then
 * the queues' oldest-message age and every DLQ's depth; per HTTP API its requests with 4xx and 5xx, and
 * latency p50/p99 against the alarm's threshold. The body is built at synth, when everything is added.
 */
export class ServiceDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  private readonly functions: DashboardFunction[] = [];
  private readonly apis: DashboardApi[] = [];
  private readonly queues: DashboardQueue[] = [];
  private readonly deadLetterQueues: string[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly owner: { service: string; environment: string; region: string; name: string },
  ) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: owner.name,
      dashboardBody: Lazy.stringValue({ produce: () => JSON.stringify({ widgets: this.widgets() }) }),
    });
  }

  addFunction(fn: DashboardFunction): void {
    this.functions.push(fn);
  }

  addApi(api: DashboardApi): void {
    this.apis.push(api);
  }

  /** Adds a queue, or its age alarm's threshold to a queue already added. */
  addQueue(queue: DashboardQueue): void {
    const index = this.queues.findIndex((q) => q.queueName === queue.queueName);
    if (index < 0) this.queues.push(queue);
    else this.queues[index] = { ...this.queues[index], ...queue };
  }

  addDeadLetterQueue(queueName: string): void {
    this.deadLetterQueues.push(queueName);
  }

  private widgets(): Widget[] {
    const rows: Omit<Widget, 'x' | 'y' | 'width' | 'height'>[][] = [
      [this.text(`# ${this.owner.service} (${this.owner.environment})`)],
      ...this.functions.map((fn) => this.functionRow(fn)),
    ];
    const queues = [
      ...(this.queues.length > 0 ? [this.queueAge()] : []),
      ...(this.deadLetterQueues.length > 0 ? [this.deadLetterDepth()] : []),
    ];
    if (queues.length > 0) rows.push(queues);
    rows.push(...this.apis.map((api) => this.apiRow(api)));
    // Each row fills the 24 columns of the grid; a text row is 1 unit high.
    let y = 0;
    return rows.flatMap((row) => {
      const height = row[0]!.type === 'text' ? 1 : HEIGHT;
      const width = 24 / row.length;
      const placed = row.map((widget, i) => ({ ...widget, x: i * width, y, width, height }));
      y += height;
      return placed;
    });
  }

  private functionRow(fn: DashboardFunction): Omit<Widget, 'x' | 'y' | 'width' | 'height'>[] {
    const lambda = (metricName: string, stat: string, label: string): MetricRow => [
      'AWS/Lambda',
      metricName,
      'FunctionName',
      fn.functionName,
      { stat, label },
    ];
    const platform = (metricName: string, label: string): MetricRow => [
      PLATFORM_NAMESPACE,
      metricName,
      ...Object.entries(platformDimensions(fn)).flat(),
      { stat: 'Sum', label },
    ];
    const { service, environment, functionName } = fn;
    const byStatus =
      `SEARCH('{${PLATFORM_NAMESPACE},environment,function,service,status} MetricName="Invocations" ` +
      `service="${service}" environment="${environment}" function="${functionName}"', 'Sum', ${PERIOD_S})`;
    return [
      this.metric(`${fn.id}: invocations by status, cold starts`, [
        [{ expression: byStatus, id: 'byStatus' }],
        platform('ColdStart', 'cold starts'),
      ]),
      this.metric(
        `${fn.id}: duration p50 / p99 (ms) against the ${fn.timeout} s timeout`,
        [lambda('Duration', 'p50', 'p50'), lambda('Duration', 'p99', 'p99')],
        [{ label: 'timeout', value: fn.timeout * 1000 }],
      ),
      this.metric(
        `${fn.id}: throttles, concurrency`,
        [
          lambda('Throttles', 'Sum', 'throttles'),
          lambda('ConcurrentExecutions', 'Maximum', 'concurrent executions'),
        ],
        fn.reservedConcurrency === undefined
          ? []
          : [{ label: 'reserved concurrency', value: fn.reservedConcurrency }],
      ),
      this.metric(`${fn.id}: errors, failed records and runs`, [
        lambda('Errors', 'Sum', 'invocation errors'),
        platform('Records', 'SQS records'),
        platform('FailedRecords', 'failed SQS records'),
        platform('ScheduleFailures', 'failed scheduled runs'),
      ]),
    ];
  }

  private queueAge(): Omit<Widget, 'x' | 'y' | 'width' | 'height'> {
    const thresholds = [...new Set(this.queues.flatMap((q) => (q.maxAge === undefined ? [] : [q.maxAge])))];
    return this.metric(
      'Queues: age of the oldest message (s)',
      this.queues.map((q) => queueMetric(q.queueName, 'ApproximateAgeOfOldestMessage')),
      thresholds.map((value) => ({ label: 'age alarm', value })),
    );
  }

  private deadLetterDepth(): Omit<Widget, 'x' | 'y' | 'width' | 'height'> {
    return this.metric(
      'Dead-letter queues: messages',
      this.deadLetterQueues.map((name) => queueMetric(name, 'ApproximateNumberOfMessagesVisible')),
    );
  }

  private apiRow(api: DashboardApi): Omit<Widget, 'x' | 'y' | 'width' | 'height'>[] {
    const metric = (metricName: string, stat: string, label: string): MetricRow => [
      'AWS/ApiGateway',
      metricName,
      'ApiId',
      api.apiId,
      'Stage',
      api.stage,
      { stat, label },
    ];
    return [
      this.metric(`${api.id}: requests, 4xx, 5xx`, [
        metric('Count', 'Sum', 'requests'),
        metric('4xx', 'Sum', '4xx'),
        metric('5xx', 'Sum', '5xx'),
      ]),
      this.metric(
        `${api.id}: latency p50 / p99 (ms)`,
        [metric('Latency', 'p50', 'p50'), metric('Latency', 'p99', 'p99')],
        api.latencyP99 === undefined ? [] : [{ label: 'latency alarm', value: api.latencyP99 }],
      ),
    ];
  }

  private metric(
    title: string,
    metrics: MetricRow[],
    horizontal: { label: string; value: number }[] = [],
  ): Omit<Widget, 'x' | 'y' | 'width' | 'height'> {
    return {
      type: 'metric',
      properties: {
        title,
        view: 'timeSeries',
        stacked: false,
        region: this.owner.region,
        period: PERIOD_S,
        metrics,
        ...(horizontal.length > 0 ? { annotations: { horizontal } } : {}),
      },
    };
  }

  private text(markdown: string): Omit<Widget, 'x' | 'y' | 'width' | 'height'> {
    return { type: 'text', properties: { markdown } };
  }
}

function queueMetric(queueName: string, metricName: string): MetricRow {
  return ['AWS/SQS', metricName, 'QueueName', queueName, { stat: 'Maximum', label: queueName }];
}

/**
 * The service dashboard of the stack that holds `scope` (ServiceStack.serviceDashboard()), created on first
 * use; `undefined` in other stacks. Duck-typed: queues.ts cannot import ServiceStack without a cycle.
 */
export function dashboardOf(scope: Construct): ServiceDashboard | undefined {
  const stack = TerraformStack.of(scope) as Partial<{ serviceDashboard(): ServiceDashboard }>;
  return typeof stack.serviceDashboard === 'function' ? stack.serviceDashboard() : undefined;
}
