import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import ReportsStack from '../src/stack';

// Needs the app's bundles: the test target depends on `reports:build`.
const root = join(__dirname, '..', '..', '..');
const functions = readdirSync(join(root, 'apps', 'reports', 'src', 'handlers'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3));

const config = {
  organization: 'acme',
  repository: 'acme/platform',
  service: 'reports',
  environment: 'dev',
  team: 'insights',
  accountId: '111111111111',
  region: 'eu-west-1',
  deployRoleArn: 'arn:aws:iam::111111111111:role/acme-platform-deploy',
  stateBucket: 'acme-tfstate-111111111111-eu-west-1',
  stateKey: 'reports/dev/terraform.tfstate',
  alarmTopicArn: 'arn:aws:sns:eu-west-1:111111111111:acme-alarms',
  artifactsDir: join(root, 'dist', 'apps', 'reports'),
  // stacks/lib/links.ts's resolution of stacks/topology.ts: order.accepted of orders (commerce-dev).
  links: {
    publishes: [],
    consumes: [
      {
        service: 'orders',
        stream: 'order.accepted',
        accountId: '222222222222',
        topicArn: 'arn:aws:sns:eu-west-1:222222222222:orders-dev-order-accepted',
        producerStack: 'orders-dev',
      },
    ],
    callers: [],
    calls: [],
    apiUrlParameterName: '/dev/reports/platform/api-url',
  },
};

type Resource = Record<string, unknown>;

describe('ReportsStack', () => {
  // Synth runs the platform's guardrails: a violation would throw here.
  const synthesized = Testing.synth(new ReportsStack(Testing.app() as App, 'reports-dev', config));
  const resources = (JSON.parse(synthesized) as { resource: Record<string, Record<string, Resource>> })
    .resource;
  const ofType = (type: string) => Object.values(resources[type] ?? {});
  // Resources of a construct carry its id first in their logical id: `<function>_role_1A2B3C4D`.
  const ownedBy = (type: string, fn: string) =>
    Object.entries(resources[type] ?? {})
      .filter(([id]) => id.startsWith(`${fn}_`))
      .map(([, resource]) => resource);

  it.each(functions)('deploys %s on Node.js 22 (arm64) with tracing, its own role and a log group', (fn) => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lambda_function' },
      {
        function_name: `reports-dev-${fn}`,
        runtime: 'nodejs22.x',
        architectures: ['arm64'],
        tracing_config: { mode: 'Active' },
      },
    );
    expect(ownedBy('aws_iam_role', fn)).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cloudwatch_log_group' },
      { name: `/aws/lambda/reports-dev-${fn}`, retention_in_days: 30 },
    );
  });

  it.each(functions)('lets %s read its settings path and nothing wider', (fn) => {
    const policies = ownedBy('aws_iam_role_policy', fn).map((p) => String(p.policy));
    const settings = policies.find((p) => p.includes('ssm:GetParametersByPath'));
    expect(settings).toContain('parameter/dev/reports');
    expect(policies.join()).not.toMatch(/"Action":"\*"|"ssm:\*"/);
  });

  it('creates the settings parameters that have a default', () => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_ssm_parameter' },
      { name: '/dev/reports/log-level', value: 'INFO' },
    );
  });

  it('puts every HTTP route behind AWS_IAM and every queue consumer on partial batch failures', () => {
    for (const route of ofType('aws_apigatewayv2_route')) expect(route.authorization_type).toBe('AWS_IAM');
    for (const mapping of ofType('aws_lambda_event_source_mapping')) {
      expect(mapping.function_response_types).toEqual(['ReportBatchItemFailures']);
    }
  });

  describe('the daily report schedule', () => {
    const schedule = ofType('aws_scheduler_schedule')[0] as {
      schedule_expression: string;
      schedule_expression_timezone: string;
      target: { arn: string; retry_policy: unknown; dead_letter_config: { arn: string } };
    };
    const queueRef = (address: string) => {
      const [, id] = /^\$\{aws_sqs_queue\.([^.]+)\.arn\}$/.exec(address) ?? [];
      return resources.aws_sqs_queue?.[id ?? ''];
    };

    it('runs publish-daily-report at 00:15 UTC, retrying delivery for an hour', () => {
      expect(schedule).toMatchObject({
        schedule_expression: 'cron(15 0 * * ? *)',
        schedule_expression_timezone: 'UTC',
        target: { retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 } },
      });
      expect(schedule.target.arn).toMatch(/^\$\{aws_lambda_alias\.publish-daily-report_live_/);
    });

    it('keeps runs it could not deliver in an encrypted DLQ, watched by an alarm', () => {
      const dlq = queueRef(schedule.target.dead_letter_config.arn);
      expect(dlq).toMatchObject({
        name: 'reports-dev-publish-daily-report-schedule-dlq',
        sqs_managed_sse_enabled: true,
      });
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_metric_alarm' },
        {
          metric_name: 'ApproximateNumberOfMessagesVisible',
          dimensions: { QueueName: 'reports-dev-publish-daily-report-schedule-dlq' },
          alarm_actions: [config.alarmTopicArn],
        },
      );
    });

    it('retries failed runs in Lambda, then keeps them in the function’s own DLQ, watched by an alarm', () => {
      const [invokeConfig] = ofType('aws_lambda_function_event_invoke_config') as {
        maximum_retry_attempts: number;
        destination_config: { on_failure: { destination: string } };
      }[];
      expect(invokeConfig?.maximum_retry_attempts).toBe(2);
      expect(queueRef(invokeConfig!.destination_config.on_failure.destination)).toMatchObject({
        name: 'reports-dev-publish-daily-report-async-dlq',
        sqs_managed_sse_enabled: true,
      });
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_metric_alarm' },
        { dimensions: { QueueName: 'reports-dev-publish-daily-report-async-dlq' } },
      );
    });
  });

  describe('the sales table', () => {
    const [tableId] = Object.keys(resources.aws_dynamodb_table ?? {});
    const tableArn = `\${aws_dynamodb_table.${tableId}.arn}`;
    /** Every statement of the function's inline policies that names a DynamoDB action. */
    const dynamoStatements = (fn: string) =>
      ownedBy('aws_iam_role_policy', fn)
        .flatMap(
          (p) =>
            (
              JSON.parse(String(p.policy)) as {
                Statement: { Action: string | string[]; Resource: unknown }[];
              }
            ).Statement,
        )
        .filter((st) => [st.Action].flat().some((action) => action.startsWith('dynamodb:')));

    it('is on demand, encrypted, recoverable to any second, protected from deletion, keyed by day', () => {
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_dynamodb_table' },
        {
          name: 'reports-dev-sales',
          billing_mode: 'PAY_PER_REQUEST',
          hash_key: 'day',
          range_key: 'item',
          server_side_encryption: { enabled: true },
          point_in_time_recovery: { enabled: true },
          deletion_protection_enabled: true,
          ttl: { attribute_name: 'expiresAt', enabled: true },
        },
      );
    });

    it('lets record-sale only update items, on exactly this table', () => {
      expect(dynamoStatements('record-sale')).toEqual([
        { Effect: 'Allow', Action: 'dynamodb:UpdateItem', Resource: tableArn },
      ]);
    });

    it('lets publish-daily-report query, get, put and update items, on exactly this table', () => {
      expect(dynamoStatements('publish-daily-report')).toEqual([
        {
          Effect: 'Allow',
          Action: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
          Resource: tableArn,
        },
      ]);
    });

    it('gives both functions its name, and nothing secret, in their environment', () => {
      for (const fn of ofType('aws_lambda_function') as {
        environment: { variables: Record<string, string> };
      }[]) {
        expect(fn.environment.variables.TABLE_NAME).toBe('reports-dev-sales');
        expect(Object.keys(fn.environment.variables).join()).not.toMatch(/SECRET|PASSWORD|TOKEN|KEY/);
      }
    });
  });

  describe("the record-sale queue, fed by orders' order.accepted stream", () => {
    const [queueId] = Object.entries(resources.aws_sqs_queue ?? {}).find(
      ([, q]) => q.name === 'reports-dev-record-sale-queue',
    ) ?? [''];

    it("subscribes to orders' topic in orders' account, with raw delivery", () => {
      expect(ofType('aws_sns_topic_subscription')).toEqual([
        expect.objectContaining({
          topic_arn: 'arn:aws:sns:eu-west-1:222222222222:orders-dev-order-accepted',
          protocol: 'sqs',
          endpoint: `\${aws_sqs_queue.${queueId}.arn}`,
          raw_message_delivery: true,
        }),
      ]);
    });

    it('accepts messages from that topic alone, after the TLS-only deny', () => {
      const queuePolicy = ofType('aws_sqs_queue_policy').find(
        (p) => p.queue_url === `\${aws_sqs_queue.${queueId}.url}`,
      );
      expect(JSON.parse(String(queuePolicy!.policy))).toEqual({
        Version: '2012-10-17',
        Statement: [
          expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny' }),
          {
            Sid: 'FromStreamordersorderaccepted',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: `\${aws_sqs_queue.${queueId}.arn}`,
            Condition: {
              ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:222222222222:orders-dev-order-accepted' },
            },
          },
        ],
      });
    });
  });

  it('has exactly these alarms, every one to the alarm topic on ALARM and OK', () => {
    const alarms = ofType('aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.alarm_name as string).sort()).toEqual([
      'reports-dev-daily-reports-dlq-depth',
      'reports-dev-daily-reports-oldest-message',
      'reports-dev-publish-daily-report-async-dlq-depth',
      'reports-dev-publish-daily-report-duration-p99',
      'reports-dev-publish-daily-report-error-rate',
      'reports-dev-publish-daily-report-errors',
      'reports-dev-publish-daily-report-schedule-dlq-depth',
      'reports-dev-publish-daily-report-throttles',
      'reports-dev-record-sale-duration-p99',
      'reports-dev-record-sale-error-rate',
      'reports-dev-record-sale-errors',
      'reports-dev-record-sale-queue-dlq-depth',
      'reports-dev-record-sale-queue-oldest-message',
      'reports-dev-record-sale-throttles',
      'reports-dev-sales-read-throttles',
      'reports-dev-sales-write-throttles',
    ]);
    for (const alarm of alarms) {
      expect([alarm.alarm_actions, alarm.ok_actions]).toEqual([
        [config.alarmTopicArn],
        [config.alarmTopicArn],
      ]);
    }
  });

  it.each(functions)(
    "alarms when over 5 %% of %s's work fails in 5 minutes, from its Platform metrics",
    (fn) => {
      const [alarm] = ofType('aws_cloudwatch_metric_alarm').filter(
        (a) => a.alarm_name === `reports-dev-${fn}-error-rate`,
      ) as { metric_query: Resource[]; threshold: number }[];
      expect(alarm!.threshold).toBe(0.05);
      expect(alarm!.metric_query[1]).toEqual({
        id: 'errors',
        return_data: false,
        metric: {
          namespace: 'Platform',
          metric_name: 'Invocations',
          dimensions: {
            service: 'reports',
            environment: 'dev',
            function: `reports-dev-${fn}`,
            status: 'error',
          },
          stat: 'Sum',
          period: 300,
        },
      });
    },
  );

  it('has one dashboard: both functions, the queues and every DLQ', () => {
    const dashboards = ofType('aws_cloudwatch_dashboard');
    expect(dashboards.map((d) => d.dashboard_name)).toEqual(['reports-dev-dashboard']);
    const widgets = JSON.parse(String(dashboards[0]!.dashboard_body)).widgets as {
      properties: { title?: string; markdown?: string; metrics?: string[][] };
    }[];
    expect(widgets.map((w) => w.properties.title ?? w.properties.markdown)).toEqual([
      '# reports (dev)',
      'publish-daily-report: invocations by status, cold starts',
      'publish-daily-report: duration p50 / p99 (ms) against the 60 s timeout',
      'publish-daily-report: throttles, concurrency',
      'publish-daily-report: errors, failed records and runs',
      'record-sale: invocations by status, cold starts',
      'record-sale: duration p50 / p99 (ms) against the 30 s timeout',
      'record-sale: throttles, concurrency',
      'record-sale: errors, failed records and runs',
      'Queues: age of the oldest message (s)',
      'Dead-letter queues: messages',
    ]);
    expect(widgets.at(-1)!.properties.metrics!.map((m) => m[3])).toEqual([
      'reports-dev-daily-reports-dlq.fifo',
      'reports-dev-publish-daily-report-async-dlq',
      'reports-dev-publish-daily-report-schedule-dlq',
      'reports-dev-record-sale-queue-dlq',
    ]);
  });

  describe('the daily-reports queue', () => {
    const [queueId, queue] = Object.entries(resources.aws_sqs_queue ?? {}).find(
      ([, q]) => q.name === 'reports-dev-daily-reports.fifo',
    ) ?? ['', {}];

    it('is FIFO, encrypted, with a DLQ', () => {
      expect(queue).toMatchObject({ fifo_queue: true, sqs_managed_sse_enabled: true });
      expect(JSON.parse(String(queue.redrive_policy))).toMatchObject({ maxReceiveCount: 5 });
    });

    it('only publish-daily-report may send to it, and it gets the URL', () => {
      const senders = Object.entries(resources.aws_iam_role_policy ?? {})
        .filter(([, p]) => String(p.policy).includes(`aws_sqs_queue.${queueId}.arn`))
        .map(([id]) => id);
      expect(senders).toEqual([expect.stringMatching(/^publish-daily-report_policy-send-daily-reports_/)]);
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_lambda_function' },
        {
          function_name: 'reports-dev-publish-daily-report',
          environment: {
            variables: expect.objectContaining({
              DAILY_REPORTS_QUEUE_URL: `\${aws_sqs_queue.${queueId}.url}`,
            }),
          },
        },
      );
    });
  });
});
