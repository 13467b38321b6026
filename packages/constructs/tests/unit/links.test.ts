import { type App, Testing } from 'cdktf';
import { HttpApi } from '../../src/HttpApi';
import { SqsConsumer } from '../../src/SqsConsumer';
import type { ServiceLinks } from '../../src/types';
import { ServiceStack } from '../../src/ServiceStack';
import { baseConfig, policy, resourceWith, resourcesOf, synthJson, testFunction, type Tf } from '../helpers';

/*
 * Both sides of the links the topology declares, as the planner resolves them (stacks/lib/links.ts):
 * orders (111111111111) publishes order.accepted, which reports (444444444444) consumes, and lets
 * reports/publish-daily-report call two routes of its API.
 */
const noLinks: ServiceLinks = {
  publishes: [],
  consumes: [],
  callers: [],
  calls: [],
  apiUrlParameterName: '/dev/orders/platform/api-url',
};
const ordersLinks: ServiceLinks = {
  ...noLinks,
  publishes: [
    {
      stream: 'order.accepted',
      topicName: 'orders-dev-order-accepted',
      consumers: [
        {
          service: 'reports',
          accountId: '444444444444',
          queueArnPattern: 'arn:aws:sqs:eu-west-1:444444444444:reports-dev-*',
        },
      ],
    },
  ],
  callers: [
    {
      service: 'reports',
      function: 'publish-daily-report',
      routes: ['GET /orders/{id}', 'POST /orders'],
      roleArn: 'arn:aws:iam::444444444444:role/reports-dev-publish-daily-report',
      invokerRoleName: 'orders-dev-invoke-reports-publish-daily-report',
    },
  ],
};
const reportsLinks: ServiceLinks = {
  ...noLinks,
  consumes: [
    {
      service: 'orders',
      stream: 'order.accepted',
      accountId: '111111111111',
      topicArn: 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted',
      producerStack: 'orders-dev',
    },
  ],
  calls: [
    {
      service: 'orders',
      function: 'publish-daily-report',
      routes: ['GET /orders/{id}', 'POST /orders'],
      accountId: '111111111111',
      region: 'eu-west-1',
      invokerRoleArn: 'arn:aws:iam::111111111111:role/orders-dev-invoke-reports-publish-daily-report',
      apiUrlParameterArn: 'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/platform/api-url',
    },
  ],
  apiUrlParameterName: '/dev/reports/platform/api-url',
};

function ordersStack(links: ServiceLinks = ordersLinks): ServiceStack {
  return new ServiceStack(Testing.app() as App, 'orders-dev', { ...baseConfig, links });
}
function reportsStack(links: ServiceLinks = reportsLinks): ServiceStack {
  return new ServiceStack(Testing.app() as App, 'reports-dev', {
    ...baseConfig,
    service: 'reports',
    team: 'insights',
    accountId: '444444444444',
    deployRoleArn: 'arn:aws:iam::444444444444:role/acme-platform-deploy',
    stateBucket: 'acme-tfstate-444444444444-eu-west-1',
    stateKey: 'reports/dev/terraform.tfstate',
    alarmTopicArn: 'arn:aws:sns:eu-west-1:444444444444:acme-alarms',
    links,
  });
}
/** Synthesized with validations, as `app.synth()` runs them. */
const synthValidated = (stack: ServiceStack): Tf => JSON.parse(Testing.synth(stack, true)) as Tf;

describe('Producer side: EventTopic and grantPublish', () => {
  const stack = ordersStack();
  const publisher = testFunction(stack, 'process-orders');
  publisher.grantPublish(stack.eventTopic('order.accepted'));
  const api = new HttpApi(stack, 'api');
  api.addRoute('GET /orders/{id}', { function: publisher });
  api.addRoute('POST /orders', { function: publisher });
  const json = synthValidated(stack);
  const topicPolicy = policy(resourcesOf(json, 'aws_sns_topic_policy')[0].policy);

  it('creates one topic per declared stream, encrypted with its own rotated key', () => {
    expect(resourcesOf(json, 'aws_sns_topic')).toEqual([
      expect.objectContaining({
        name: 'orders-dev-order-accepted',
        kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.stream-order-accepted_key_\w+\.arn\}$/),
      }),
    ]);
    expect(resourcesOf(json, 'aws_kms_key')).toEqual([
      expect.objectContaining({ enable_key_rotation: true, deletion_window_in_days: 30 }),
    ]);
  });

  it('lets SNS use the key for this topic only, and the account grant its use through IAM', () => {
    const key = policy(resourcesOf(json, 'aws_kms_key')[0].policy);
    expect(key.Statement.map((s) => [s.Sid, s.Principal])).toEqual([
      ['AccountManagesAndGrantsUse', { AWS: 'arn:aws:iam::111111111111:root' }],
      ['SnsEncryptsAndDeliversThisTopic', { Service: 'sns.amazonaws.com' }],
    ]);
    expect(key.Statement[1]!.Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted' },
    });
  });

  it('lets exactly the consuming accounts subscribe, only SQS queues named after their service', () => {
    expect(topicPolicy.Statement[0]).toEqual({
      Sid: 'ConsumersSubscribeTheirQueues',
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::444444444444:root'] },
      Action: 'sns:Subscribe',
      Resource: 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted',
      Condition: {
        StringEquals: { 'sns:Protocol': 'sqs' },
        ArnLike: { 'sns:Endpoint': ['arn:aws:sqs:eu-west-1:444444444444:reports-dev-*'] },
      },
    });
  });

  it('denies publishing to every principal but the granted functions’ roles', () => {
    expect(topicPolicy.Statement[1]).toEqual({
      Sid: 'OnlyGrantedFunctionsPublish',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sns:Publish',
      Resource: 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted',
      Condition: {
        StringNotEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/orders-dev-process-orders'] },
      },
    });
  });

  it("gives the publisher sns:Publish on the topic, the key's use, and the topic ARN by stream name", () => {
    const grant = resourceWith(
      json,
      'aws_iam_role_policy',
      (p) => p.name === 'publish-stream-order-accepted',
    );
    expect(policy(grant.policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sns:Publish',
        Resource: 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted',
      },
      {
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: expect.stringMatching(/^\$\{aws_kms_key\.stream-order-accepted_key_\w+\.arn\}$/),
      },
    ]);
    const fn = resourcesOf(json, 'aws_lambda_function')[0];
    expect(fn.environment.variables.STREAM_ORDER_ACCEPTED_TOPIC_ARN).toBe(
      'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted',
    );
  });

  it('refuses a stream the topology does not declare, naming the fix', () => {
    expect(() => stack.eventTopic('order.shipped')).toThrow(
      'EventTopic "order.shipped" in stack "orders-dev": the topology does not say that "orders" publishes "order.shipped" (it publishes "order.accepted"). Add "order.shipped" to services.orders.publishes in stacks/topology.ts, or fix the name.',
    );
  });
});

describe('API side: invoker roles for the declared callers', () => {
  const stack = ordersStack();
  const fn = testFunction(stack, 'get-order');
  const api = new HttpApi(stack, 'api');
  api.addRoute('GET /orders/{id}', { function: fn });
  api.addRoute('POST /orders', { function: fn });
  const json = synthValidated(stack);
  const role = resourceWith(
    json,
    'aws_iam_role',
    (r) => r.name === 'orders-dev-invoke-reports-publish-daily-report',
  );

  it("trusts only the calling function's role, in the caller's account", () => {
    expect(policy(role.assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444444444444:root' },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnEquals: {
            'aws:PrincipalArn': 'arn:aws:iam::444444444444:role/reports-dev-publish-daily-report',
          },
        },
      },
    ]);
  });

  it('allows execute-api:Invoke on exactly the declared routes, and reading the API URL parameter', () => {
    const grant = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'invoke-routes');
    expect(policy(grant.policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: [
          expect.stringMatching(
            /^\$\{aws_apigatewayv2_api\.api_\w+\.execution_arn\}\/\$default\/GET\/orders\/\*$/,
          ),
          expect.stringMatching(
            /^\$\{aws_apigatewayv2_api\.api_\w+\.execution_arn\}\/\$default\/POST\/orders$/,
          ),
        ],
      },
      {
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: 'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/platform/api-url',
      },
    ]);
    expect(resourcesOf(json, 'aws_ssm_parameter')).toEqual([
      expect.objectContaining({
        name: '/dev/orders/platform/api-url',
        type: 'String',
        value: expect.stringMatching(/^\$\{aws_apigatewayv2_api\.api_\w+\.api_endpoint\}$/),
      }),
    ]);
  });

  it('fails the synth when a declared route is missing from the API, naming the fix', () => {
    const missing = ordersStack();
    const only = testFunction(missing, 'get-order');
    new HttpApi(missing, 'api').addRoute('GET /orders/{id}', { function: only });
    expect(() => synthValidated(missing)).toThrow(
      'HttpApi "api": stacks/topology.ts lets reports/publish-daily-report call "POST /orders", but the API has no such AWS_IAM route. Add it with api.addRoute("POST /orders", { function }), or fix the route in the topology\'s routes.',
    );
  });

  it('fails the synth when the stack has no HTTP API for its callers', () => {
    expect(() => synthValidated(ordersStack())).toThrow(
      'functions of other services may call GET /orders/{id}, POST /orders, but the stack has no HttpApi. Add the HttpApi with those routes, or remove them from services.orders.routes.',
    );
  });
});

describe('Consumer side: SqsConsumer.subscribe and grantCall', () => {
  const stack = reportsStack();
  const recordSale = testFunction(stack, 'record-sale');
  const queue = new SqsConsumer(stack, 'record-sale-queue', { consumer: recordSale });
  queue.subscribe('orders/order.accepted');
  const caller = testFunction(stack, 'publish-daily-report');
  caller.grantCall('orders');
  const json = synthValidated(stack);

  it("subscribes its own queue to the producer's topic, with raw delivery", () => {
    expect(resourcesOf(json, 'aws_sns_topic_subscription')).toEqual([
      expect.objectContaining({
        topic_arn: 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted',
        protocol: 'sqs',
        endpoint: expect.stringMatching(/^\$\{aws_sqs_queue\.record-sale-queue_\w+\.arn\}$/),
        raw_message_delivery: true,
        depends_on: [expect.stringMatching(/^aws_sqs_queue_policy\.record-sale-queue_queue-policy_\w+$/)],
      }),
    ]);
  });

  /** The queue's own policy (its DLQ has one too). */
  const queuePolicyOf = (tf: Tf) =>
    resourceWith(tf, 'aws_sqs_queue_policy', (p) => /record-sale-queue_[0-9A-F]{8}\.url/.test(p.queue_url));

  it('accepts SNS messages on the queue from that topic alone, after the TLS-only deny', () => {
    expect(policy(queuePolicyOf(json).policy).Statement).toEqual([
      expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny' }),
      {
        Sid: 'FromStreamordersorderaccepted',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: expect.stringMatching(/^\$\{aws_sqs_queue\.record-sale-queue_\w+\.arn\}$/),
        Condition: {
          ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted' },
        },
      },
    ]);
  });

  it('keeps one policy per queue, adding further statements to it', () => {
    queue.addToResourcePolicy({
      Sid: 'AllowAuditTopic',
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queue.queueArn,
      Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:444444444444:reports-dev-audit' } },
    });
    expect(policy(queuePolicyOf(synthJson(stack)).policy).Statement.map((s) => s.Sid)).toEqual([
      'DenyInsecureTransport',
      'FromStreamordersorderaccepted',
      'AllowAuditTopic',
    ]);
  });

  it('lets the calling function assume exactly its invoker role, and tells it where to find the API', () => {
    const grant = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'call-orders');
    expect(policy(grant.policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::111111111111:role/orders-dev-invoke-reports-publish-daily-report',
      },
    ]);
    const fn = resourceWith(
      json,
      'aws_lambda_function',
      (f) => f.function_name === 'reports-dev-publish-daily-report',
    );
    expect(fn.environment.variables).toMatchObject({
      SERVICE_ORDERS_INVOKER_ROLE_ARN:
        'arn:aws:iam::111111111111:role/orders-dev-invoke-reports-publish-daily-report',
      SERVICE_ORDERS_API_URL_PARAMETER:
        'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/platform/api-url',
    });
  });

  it('refuses a stream or a call the topology does not declare, naming the fix', () => {
    expect(() => queue.subscribe('orders/order.rejected')).toThrow(
      'SqsConsumer "record-sale-queue" subscribe("orders/order.rejected"): the topology does not say that "reports" consumes "orders/order.rejected" (it consumes "orders/order.accepted"). Add "orders/order.rejected" to services.reports.consumes in stacks/topology.ts, or fix the name.',
    );
    expect(() => recordSale.grantCall('orders')).toThrow(
      'Function "record-sale" grantCall("orders"): the topology lets "reports/record-sale" call no service. Add "reports/record-sale" to the callers of a route in services.orders.routes in stacks/topology.ts.',
    );
  });

  it('refuses a second queue for one stream, and a FIFO queue', () => {
    const other = new SqsConsumer(stack, 'other-queue', { consumer: recordSale });
    expect(() => other.subscribe('orders/order.accepted')).toThrow(
      'SqsConsumer "other-queue" subscribe("orders/order.accepted"): stream "orders/order.accepted" is already delivered to SqsConsumer "record-sale-queue". Consume a stream into one queue per service.',
    );
    const fifoStack = reportsStack();
    const fifo = new SqsConsumer(fifoStack, 'fifo-queue', {
      consumer: testFunction(fifoStack, 'record-sale'),
      fifo: true,
    });
    expect(() => fifo.subscribe('orders/order.accepted')).toThrow(
      'SqsConsumer "fifo-queue" subscribe("orders/order.accepted"): stream "orders/order.accepted" is a standard SNS topic, which cannot deliver to a FIFO queue. Subscribe a standard SqsConsumer (fifo: false).',
    );
  });

  it('fails the synth when a consumed stream reaches no queue, naming the fix', () => {
    const unwired = reportsStack();
    testFunction(unwired, 'record-sale');
    expect(() => synthValidated(unwired)).toThrow(
      'the service consumes "orders/order.accepted", but no queue receives it. Call consumer.subscribe("orders/order.accepted") on the SqsConsumer that processes it, or remove it from services.reports.consumes.',
    );
  });
});
