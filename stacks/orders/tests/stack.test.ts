import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import OrdersStack from '../src/stack';
import { config, root } from './config';

// Needs the app's bundles: the test target depends on `orders:build`.
const functions = readdirSync(join(root, 'apps', 'orders', 'src', 'handlers'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3));

type Resource = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON is untyped

function synth(environment = 'dev') {
  const stack = new OrdersStack(Testing.app() as App, `orders-${environment}`, {
    ...config,
    environment,
    stateKey: `orders/${environment}/terraform.tfstate`,
  });
  // Synth runs the platform's guardrails: a violation would throw here.
  const synthesized = Testing.synth(stack);
  const resources = (JSON.parse(synthesized) as { resource: Record<string, Record<string, Resource>> })
    .resource;
  const ofType = (type: string) => Object.values(resources[type] ?? {});
  // Resources of a construct carry its id first in their logical id: `<function>_role_1A2B3C4D`.
  const ownedBy = (type: string, owner: string) =>
    Object.entries(resources[type] ?? {})
      .filter(([id]) => id.startsWith(`${owner}_`))
      .map(([, resource]) => resource);
  const one = (type: string, match: (r: Resource) => boolean) => {
    const found = ofType(type).filter(match);
    if (found.length !== 1) throw new Error(`expected one ${type} to match, found ${found.length}`);
    return found[0]!;
  };
  const statements = (fn: string) =>
    ownedBy('aws_iam_role_policy', fn).flatMap(
      (p) => (JSON.parse(String(p.policy)) as { Statement: Resource[] }).Statement,
    );
  const environmentOf = (fn: string) =>
    one('aws_lambda_function', (f) => f.function_name === `orders-${environment}-${fn}`).environment
      .variables as Record<string, string>;
  return { synthesized, ofType, ownedBy, one, statements, environmentOf };
}

describe('OrdersStack', () => {
  const { synthesized, ofType, one, statements, environmentOf } = synth();
  const queueRef = (name: string) => new RegExp(`^\\$\\{aws_sqs_queue\\.${name}_queue_\\w+\\.(arn|url)\\}$`);

  it('deploys create-order and process-orders', () => {
    expect(functions.sort()).toEqual(['create-order', 'process-orders']);
  });

  it.each(functions)('deploys %s on Node.js 22 (arm64) with tracing, its own role and a log group', (fn) => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lambda_function' },
      {
        function_name: `orders-dev-${fn}`,
        runtime: 'nodejs22.x',
        architectures: ['arm64'],
        tracing_config: { mode: 'Active' },
      },
    );
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cloudwatch_log_group' },
      { name: `/aws/lambda/orders-dev-${fn}`, retention_in_days: 30 },
    );
  });

  it.each(functions)('lets %s read its settings path and the pricing API key, and nothing wider', (fn) => {
    const granted = statements(fn);
    expect(granted).toContainEqual({
      Effect: 'Allow',
      Action: 'ssm:GetParametersByPath',
      Resource: [
        'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders',
        'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/*',
      ],
    });
    expect(granted).toContainEqual({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders/pricing-api-key-??????',
    });
    expect(granted.flatMap((statement) => [statement.Action].flat()).filter((a) => a.includes('*'))).toEqual(
      [],
    );
  });

  it('creates the parameters that have a default, and never the secret', () => {
    const parameters = Object.fromEntries(ofType('aws_ssm_parameter').map((p) => [p.name, p.value]));
    expect(parameters).toEqual({
      '/dev/orders/log-level': 'INFO',
      '/dev/orders/debug-sample-rate': '0',
      '/dev/orders/max-lines-per-order': '25',
      '/dev/orders/tax-rate-percent': '20',
    });
    expect(ofType('aws_secretsmanager_secret')).toEqual([]);
  });

  it('leaves the tunable log level and sample rate to operators, and deploys the other values', () => {
    const lifecycles = Object.fromEntries(ofType('aws_ssm_parameter').map((p) => [p.name, p.lifecycle]));
    expect(lifecycles).toEqual({
      '/dev/orders/log-level': { ignore_changes: ['value'] },
      '/dev/orders/debug-sample-rate': { ignore_changes: ['value'] },
      '/dev/orders/max-lines-per-order': undefined,
      '/dev/orders/tax-rate-percent': undefined,
    });
  });

  it('routes POST /orders, behind AWS_IAM, to create-order', () => {
    const [route, ...others] = ofType('aws_apigatewayv2_route');
    expect(others).toEqual([]);
    expect(route).toMatchObject({ route_key: 'POST /orders', authorization_type: 'AWS_IAM' });
    expect(ofType('aws_apigatewayv2_integration')).toEqual([
      expect.objectContaining({
        integration_uri: expect.stringMatching(/aws_lambda_alias\.create-order_live_\w+\.arn/),
      }),
    ]);
  });

  it('lets create-order send to the orders queue only, whose URL it gets', () => {
    expect(statements('create-order').filter((s) => String(s.Action).startsWith('sqs:'))).toEqual([
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: expect.stringMatching(queueRef('orders')) },
    ]);
    expect(environmentOf('create-order').ORDERS_QUEUE_URL).toMatch(queueRef('orders'));
  });

  it('feeds process-orders from the orders queue in batches of 10 with partial batch failures', () => {
    expect(one('aws_lambda_event_source_mapping', () => true)).toMatchObject({
      event_source_arn: expect.stringMatching(queueRef('orders')),
      function_name: expect.stringMatching(/aws_lambda_alias\.process-orders_live_\w+\.arn/),
      batch_size: 10,
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 5 },
    });
    expect(one('aws_sqs_queue', (q) => q.name === 'orders-dev-orders')).toMatchObject({
      sqs_managed_sse_enabled: true,
      visibility_timeout_seconds: 180, // 6 x process-orders' 30 s
      redrive_policy: expect.stringContaining('"maxReceiveCount":5'),
    });
  });

  it('gives process-orders the order-events queue to send to: encrypted, with a DLQ, consumed elsewhere', () => {
    expect(one('aws_sqs_queue', (q) => q.name === 'orders-dev-order-events')).toMatchObject({
      sqs_managed_sse_enabled: true,
      redrive_policy: expect.stringMatching(/aws_sqs_queue\.order-events_dlq_\w+\.arn/),
    });
    expect(
      one('aws_sqs_queue', (q) => q.name === 'orders-dev-order-events-dlq').sqs_managed_sse_enabled,
    ).toBe(true);
    expect(statements('process-orders')).toContainEqual({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: expect.stringMatching(queueRef('order-events')),
    });
    expect(environmentOf('process-orders').ORDER_EVENTS_QUEUE_URL).toMatch(queueRef('order-events'));
    expect(JSON.stringify(statements('create-order'))).not.toContain('order-events');
  });

  it("publishes order.accepted to its encrypted topic, which only process-orders may publish to and reports' account may subscribe to", () => {
    const topic = one('aws_sns_topic', (t) => t.name === 'orders-dev-order-accepted');
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.stream-order-accepted_key_\w+\.arn\}$/);
    const topicArn = 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted';
    const [topicPolicy] = ofType('aws_sns_topic_policy');
    expect(
      (JSON.parse(String(topicPolicy!.policy)) as { Statement: Resource[] }).Statement.map((s) => ({
        effect: s.Effect,
        principal: s.Principal,
        action: s.Action,
        condition: s.Condition,
      })),
    ).toEqual([
      {
        effect: 'Allow',
        principal: { AWS: ['arn:aws:iam::444444444444:root'] },
        action: 'sns:Subscribe',
        condition: {
          StringEquals: { 'sns:Protocol': 'sqs' },
          ArnLike: { 'sns:Endpoint': ['arn:aws:sqs:eu-west-1:444444444444:reports-dev-*'] },
        },
      },
      {
        effect: 'Deny',
        principal: { AWS: '*' },
        action: 'sns:Publish',
        condition: {
          StringNotEquals: {
            'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/orders-dev-process-orders'],
          },
        },
      },
    ]);
    expect(statements('process-orders')).toContainEqual({
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: topicArn,
    });
    expect(JSON.stringify(statements('create-order'))).not.toContain('sns:');
    expect(environmentOf('process-orders').STREAM_ORDER_ACCEPTED_TOPIC_ARN).toBe(topicArn);
  });

  it("keeps idempotency records in an on-demand, encrypted table with PITR and Powertools' TTL attribute", () => {
    expect(one('aws_dynamodb_table', () => true)).toMatchObject({
      name: 'orders-dev-idempotency',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'id',
      attribute: [{ name: 'id', type: 'S' }],
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
      ttl: { attribute_name: 'expiration', enabled: true },
    });
    expect(environmentOf('process-orders').IDEMPOTENCY_TABLE_NAME).toBe('orders-dev-idempotency');
  });

  it('grants single-item access to that table to process-orders alone', () => {
    const onTables = (fn: string) =>
      statements(fn).filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
    expect(onTables('process-orders')).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: expect.stringMatching(/^\$\{aws_dynamodb_table\.idempotency_table_\w+\.arn\}$/),
      },
    ]);
    expect(onTables('create-order')).toEqual([]);
  });

  it('alarms on both DLQs, on queue age and on table throttling', () => {
    const alarms = ofType('aws_cloudwatch_metric_alarm').map((a) => a.alarm_name as string);
    expect(alarms).toEqual(
      expect.arrayContaining([
        'orders-dev-orders-dlq-depth',
        'orders-dev-orders-oldest-message',
        'orders-dev-order-events-dlq-depth',
        'orders-dev-order-events-oldest-message',
        'orders-dev-idempotency-read-throttles',
        'orders-dev-idempotency-write-throttles',
        'orders-dev-process-orders-errors',
        'orders-dev-create-order-errors',
      ]),
    );
  });

  it('has exactly these alarms, every one to the alarm topic on ALARM and OK', () => {
    const alarms = ofType('aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.alarm_name as string).sort()).toEqual([
      'orders-dev-api-5xx-rate',
      'orders-dev-api-latency-p99',
      'orders-dev-create-order-duration-p99',
      'orders-dev-create-order-error-rate',
      'orders-dev-create-order-errors',
      'orders-dev-create-order-throttles',
      'orders-dev-idempotency-read-throttles',
      'orders-dev-idempotency-write-throttles',
      'orders-dev-order-events-dlq-depth',
      'orders-dev-order-events-oldest-message',
      'orders-dev-orders-dlq-depth',
      'orders-dev-orders-oldest-message',
      'orders-dev-process-orders-duration-p99',
      'orders-dev-process-orders-error-rate',
      'orders-dev-process-orders-errors',
      'orders-dev-process-orders-throttles',
    ]);
    for (const alarm of alarms) {
      expect([alarm.alarm_actions, alarm.ok_actions]).toEqual([
        [config.alarmTopicArn],
        [config.alarmTopicArn],
      ]);
    }
  });

  it.each(functions)(
    "alarms on the error rate of %s from the wrappers' metrics (Platform namespace)",
    (fn) => {
      const alarm = one('aws_cloudwatch_metric_alarm', (a) => a.alarm_name === `orders-dev-${fn}-error-rate`);
      const dimensions = { service: 'orders', environment: 'dev', function: `orders-dev-${fn}` };
      expect(
        alarm.metric_query.map((q: Resource) => [q.id, q.metric?.metric_name, q.metric?.dimensions]),
      ).toEqual([
        ['invocations', 'Invocations', dimensions],
        ['errors', 'Invocations', { ...dimensions, status: 'error' }],
        ['records', 'Records', dimensions],
        ['failedRecords', 'FailedRecords', dimensions],
        ['work', undefined, undefined],
        ['failures', undefined, undefined],
        ['errorRate', undefined, undefined],
      ]);
      expect(alarm.metric_query.every((q: Resource) => !q.metric || q.metric.namespace === 'Platform')).toBe(
        true,
      );
      expect([alarm.threshold, alarm.comparison_operator]).toEqual([0.05, 'GreaterThanThreshold']);
    },
  );

  it("alarms on the API's 5xx rate and p99 latency, on its $default stage", () => {
    const api = /^\$\{aws_apigatewayv2_api\.api_\w+\.id\}$/;
    const rate = one('aws_cloudwatch_metric_alarm', (a) => a.alarm_name === 'orders-dev-api-5xx-rate');
    expect(
      rate.metric_query.slice(0, 2).map((q: Resource) => [q.metric.namespace, q.metric.metric_name]),
    ).toEqual([
      ['AWS/ApiGateway', 'Count'],
      ['AWS/ApiGateway', '5xx'],
    ]);
    expect(rate.metric_query[0].metric.dimensions).toEqual({
      ApiId: expect.stringMatching(api),
      Stage: '$default',
    });
    expect(rate.threshold).toBe(0.05);
    const latency = one('aws_cloudwatch_metric_alarm', (a) => a.alarm_name === 'orders-dev-api-latency-p99');
    expect(latency).toMatchObject({
      namespace: 'AWS/ApiGateway',
      metric_name: 'Latency',
      extended_statistic: 'p99',
      threshold: 1000,
      dimensions: { ApiId: expect.stringMatching(api), Stage: '$default' },
    });
  });

  it('has one dashboard: both functions, the queues, and the API', () => {
    const dashboard = one('aws_cloudwatch_dashboard', () => true);
    expect(dashboard.dashboard_name).toBe('orders-dev-dashboard');
    const widgets = JSON.parse(dashboard.dashboard_body as string).widgets as Resource[];
    expect(widgets.map((w) => w.properties.title ?? w.properties.markdown)).toEqual([
      '# orders (dev)',
      'create-order: invocations by status, cold starts',
      'create-order: duration p50 / p99 (ms) against the 10 s timeout',
      'create-order: throttles, concurrency',
      'create-order: errors, failed records and runs',
      'process-orders: invocations by status, cold starts',
      'process-orders: duration p50 / p99 (ms) against the 30 s timeout',
      'process-orders: throttles, concurrency',
      'process-orders: errors, failed records and runs',
      'Queues: age of the oldest message (s)',
      'Dead-letter queues: messages',
      'api: requests, 4xx, 5xx',
      'api: latency p50 / p99 (ms)',
    ]);
    const queues = (title: string) =>
      widgets.find((w) => w.properties.title === title)!.properties.metrics.map((m: string[]) => m[3]);
    expect(queues('Queues: age of the oldest message (s)')).toEqual([
      'orders-dev-orders',
      'orders-dev-order-events',
    ]);
    expect(queues('Dead-letter queues: messages')).toEqual([
      'orders-dev-orders-dlq',
      'orders-dev-order-events-dlq',
    ]);
  });

  it("points process-orders at each environment's pricing API", () => {
    expect(environmentOf('process-orders').PRICING_API_URL).toBe('https://pricing.dev.acme.example/v1');
    expect(synth('prod').environmentOf('process-orders').PRICING_API_URL).toBe(
      'https://pricing.acme.example/v1',
    );
  });
});
