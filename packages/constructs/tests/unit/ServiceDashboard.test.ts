import { HttpApi } from '../../src/HttpApi';
import { Queue } from '../../src/Queue';
import { Schedule } from '../../src/Schedule';
import { SqsConsumer } from '../../src/SqsConsumer';
import { Table } from '../../src/Table';
import { resourcesOf, synthJson, testFunction, testStack, type Tf } from '../helpers';

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Tf;
}

const API_ID = expect.stringMatching(/^\$\{aws_apigatewayv2_api\.api_\w+\.id\}$/);

describe('Class: ServiceDashboard', () => {
  const stack = testStack();
  const createOrder = testFunction(stack, 'create-order', { timeout: 10, reservedConcurrency: 20 });
  const processOrders = testFunction(stack, 'process-orders', { timeout: 30 });
  new SqsConsumer(stack, 'orders', { consumer: processOrders });
  new Queue(stack, 'order-events', { maxMessageAge: false });
  new Schedule(stack, 'nightly', { target: testFunction(stack, 'report'), expression: 'rate(1 day)' });
  new HttpApi(stack, 'api', {
    routes: { 'POST /orders': { function: createOrder } },
    alarms: { latencyP99: 500 },
  });
  const dashboards = resourcesOf(synthJson(stack), 'aws_cloudwatch_dashboard');
  const widgets = JSON.parse(dashboards[0]!.dashboard_body as string).widgets as Widget[];
  const titled = (title: string) => {
    const found = widgets.filter((w) => w.properties.title === title);
    if (found.length !== 1) throw new Error(`expected one widget "${title}", found ${found.length}`);
    return found[0]!;
  };

  it('is one dashboard per service and environment, named <service>-<environment>-dashboard', () => {
    expect(dashboards.map((d) => d.dashboard_name)).toEqual(['orders-dev-dashboard']);
  });

  it('lays out a heading, a row per function, the queues, and a row per HTTP API on the 24-column grid', () => {
    expect(
      widgets.map((w) => [w.properties.title ?? w.properties.markdown, w.x, w.y, w.width, w.height]),
    ).toEqual([
      ['# orders (dev)', 0, 0, 24, 1],
      ['create-order: invocations by status, cold starts', 0, 1, 6, 6],
      ['create-order: duration p50 / p99 (ms) against the 10 s timeout', 6, 1, 6, 6],
      ['create-order: throttles, concurrency', 12, 1, 6, 6],
      ['create-order: errors, failed records and runs', 18, 1, 6, 6],
      ['process-orders: invocations by status, cold starts', 0, 7, 6, 6],
      ['process-orders: duration p50 / p99 (ms) against the 30 s timeout', 6, 7, 6, 6],
      ['process-orders: throttles, concurrency', 12, 7, 6, 6],
      ['process-orders: errors, failed records and runs', 18, 7, 6, 6],
      ['report: invocations by status, cold starts', 0, 13, 6, 6],
      ['report: duration p50 / p99 (ms) against the 10 s timeout', 6, 13, 6, 6],
      ['report: throttles, concurrency', 12, 13, 6, 6],
      ['report: errors, failed records and runs', 18, 13, 6, 6],
      ['Queues: age of the oldest message (s)', 0, 19, 12, 6],
      ['Dead-letter queues: messages', 12, 19, 12, 6],
      ['api: requests, 4xx, 5xx', 0, 25, 12, 6],
      ['api: latency p50 / p99 (ms)', 12, 25, 12, 6],
    ]);
    expect(widgets.filter((w) => w.type === 'metric').map((w) => w.properties.region)).toEqual(
      new Array(16).fill('eu-west-1'),
    );
  });

  it("shows a function's invocations by standard status from the wrappers' metrics, and its cold starts", () => {
    expect(titled('create-order: invocations by status, cold starts').properties.metrics).toEqual([
      [
        {
          expression:
            'SEARCH(\'{Platform,environment,function,service,status} MetricName="Invocations" service="orders" environment="dev" function="orders-dev-create-order"\', \'Sum\', 300)',
          id: 'byStatus',
        },
      ],
      [
        'Platform',
        'ColdStart',
        'service',
        'orders',
        'environment',
        'dev',
        'function',
        'orders-dev-create-order',
        { stat: 'Sum', label: 'cold starts' },
      ],
    ]);
  });

  it('draws duration p50 and p99 against the timeout, and concurrency against the reserved limit', () => {
    const duration = titled('process-orders: duration p50 / p99 (ms) against the 30 s timeout').properties;
    expect(duration.metrics).toEqual([
      ['AWS/Lambda', 'Duration', 'FunctionName', 'orders-dev-process-orders', { stat: 'p50', label: 'p50' }],
      ['AWS/Lambda', 'Duration', 'FunctionName', 'orders-dev-process-orders', { stat: 'p99', label: 'p99' }],
    ]);
    expect(duration.annotations).toEqual({ horizontal: [{ label: 'timeout', value: 30000 }] });
    const concurrency = titled('create-order: throttles, concurrency').properties;
    expect(concurrency.metrics).toEqual([
      [
        'AWS/Lambda',
        'Throttles',
        'FunctionName',
        'orders-dev-create-order',
        { stat: 'Sum', label: 'throttles' },
      ],
      [
        'AWS/Lambda',
        'ConcurrentExecutions',
        'FunctionName',
        'orders-dev-create-order',
        { stat: 'Maximum', label: 'concurrent executions' },
      ],
    ]);
    expect(concurrency.annotations).toEqual({ horizontal: [{ label: 'reserved concurrency', value: 20 }] });
    expect(titled('process-orders: throttles, concurrency').properties.annotations).toBeUndefined();
  });

  it("shows every queue's oldest message against its age alarm, and every DLQ's depth", () => {
    const age = titled('Queues: age of the oldest message (s)').properties;
    expect(age.metrics.map((m: unknown[]) => m[3])).toEqual(['orders-dev-orders', 'orders-dev-order-events']);
    expect(age.metrics[0][1]).toBe('ApproximateAgeOfOldestMessage');
    expect(age.annotations).toEqual({ horizontal: [{ label: 'age alarm', value: 600 }] });
    const dlq = titled('Dead-letter queues: messages').properties;
    expect(dlq.metrics.map((m: unknown[]) => [m[1], m[3]])).toEqual([
      ['ApproximateNumberOfMessagesVisible', 'orders-dev-orders-dlq'],
      ['ApproximateNumberOfMessagesVisible', 'orders-dev-order-events-dlq'],
      ['ApproximateNumberOfMessagesVisible', 'orders-dev-report-async-dlq'],
      ['ApproximateNumberOfMessagesVisible', 'orders-dev-nightly-dlq'],
    ]);
  });

  it("shows each HTTP API's requests with 4xx and 5xx, and latency against its alarm", () => {
    const metric = (name: string, stat: string, label: string) => [
      'AWS/ApiGateway',
      name,
      'ApiId',
      API_ID,
      'Stage',
      '$default',
      { stat, label },
    ];
    expect(titled('api: requests, 4xx, 5xx').properties.metrics).toEqual([
      metric('Count', 'Sum', 'requests'),
      metric('4xx', 'Sum', '4xx'),
      metric('5xx', 'Sum', '5xx'),
    ]);
    const latency = titled('api: latency p50 / p99 (ms)').properties;
    expect(latency.metrics).toEqual([metric('Latency', 'p50', 'p50'), metric('Latency', 'p99', 'p99')]);
    expect(latency.annotations).toEqual({ horizontal: [{ label: 'latency alarm', value: 500 }] });
  });

  it('is not created in a stack with nothing to show', () => {
    const other = testStack();
    new Table(other, 'sales', { partitionKey: { name: 'day' } });

    expect(resourcesOf(synthJson(other), 'aws_cloudwatch_dashboard')).toEqual([]);
  });
});
