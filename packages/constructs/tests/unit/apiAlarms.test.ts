import { HttpApi } from '../../src/HttpApi';
import { resourceWith, resourcesOf, synthJson, testFunction, testStack, type Tf } from '../helpers';

const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:acme-alarms';
const API_ID = expect.stringMatching(/^\$\{aws_apigatewayv2_api\.api_\w+\.id\}$/);

describe('HttpApi alarms', () => {
  describe('defaults', () => {
    const stack = testStack();
    const fn = testFunction(stack, 'create-order');
    new HttpApi(stack, 'api', { routes: { 'POST /orders': { function: fn } } });
    const json = synthJson(stack);
    const alarm = (name: string) =>
      resourceWith(json, 'aws_cloudwatch_metric_alarm', (a) => a.alarm_name === name);

    it('alarms when over 5 % of the requests of the stage are answered 5xx in 5 minutes, from 10 requests on', () => {
      const metric = (metric_name: string) => ({
        namespace: 'AWS/ApiGateway',
        metric_name,
        dimensions: { ApiId: API_ID, Stage: '$default' },
        stat: 'Sum',
        period: 300,
      });
      expect(alarm('orders-dev-api-5xx-rate')).toMatchObject({
        alarm_description:
          'orders-dev-api: more than 5 % of requests answered 5xx in 5 minutes (at least 10 requests).',
        metric_query: [
          { id: 'requests', return_data: false, metric: metric('Count') },
          { id: 'serverErrors', return_data: false, metric: metric('5xx') },
          {
            id: 'serverErrorRate',
            return_data: true,
            expression: 'IF(FILL(requests, 0) >= 10, FILL(serverErrors, 0) / requests, 0)',
            label: 'Share of requests answered 5xx',
          },
        ],
        threshold: 0.05,
        comparison_operator: 'GreaterThanThreshold',
        evaluation_periods: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      });
    });

    it('alarms when p99 latency passes 1000 ms in 3 of 5 minutes', () => {
      expect(alarm('orders-dev-api-latency-p99')).toMatchObject({
        namespace: 'AWS/ApiGateway',
        metric_name: 'Latency',
        dimensions: { ApiId: API_ID, Stage: '$default' },
        extended_statistic: 'p99',
        threshold: 1000,
        comparison_operator: 'GreaterThanThreshold',
        period: 60,
        evaluation_periods: 5,
        datapoints_to_alarm: 3,
        alarm_actions: [TOPIC],
      });
    });
  });

  it('takes thresholds and turns each alarm off', () => {
    const stack = testStack();
    new HttpApi(stack, 'api', {
      alarms: { serverErrorRate: 0.01, serverErrorRateMinimum: 100, latencyP99: 250 },
    });
    new HttpApi(stack, 'internal', { alarms: { serverErrorRate: false, latencyP99: false } });
    const alarms = resourcesOf(synthJson(stack), 'aws_cloudwatch_metric_alarm');

    expect(Object.fromEntries(alarms.map((a) => [a.alarm_name, a.threshold]))).toEqual({
      'orders-dev-api-5xx-rate': 0.01,
      'orders-dev-api-latency-p99': 250,
    });
    const rate = alarms.find((a) => a.alarm_name === 'orders-dev-api-5xx-rate')!;
    expect(rate.metric_query.at(-1).expression).toBe(
      'IF(FILL(requests, 0) >= 100, FILL(serverErrors, 0) / requests, 0)',
    );
  });

  it("joins the rollback alarms of the routed functions' traffic shifting, once per function", () => {
    const stack = testStack();
    const shifted = testFunction(stack, 'create-order', { trafficShifting: {} });
    const plain = testFunction(stack, 'get-order');
    new HttpApi(stack, 'api', {
      routes: {
        'POST /orders': { function: shifted },
        'PUT /orders/{id}': { function: shifted },
        'GET /orders/{id}': { function: plain },
      },
    });
    const json = synthJson(stack);

    const group = resourcesOf(json, 'aws_codedeploy_deployment_group')[0] as Tf;
    expect(group.alarm_configuration.alarms).toEqual(
      [
        'create-order_errors',
        'create-order_throttles',
        'create-order_duration',
        'create-order_error-rate',
        'api_5xx-rate',
        'api_latency',
      ].map((a) =>
        expect.stringMatching(
          new RegExp(`^\\$\\{aws_cloudwatch_metric_alarm\\.${a}-alarm_\\w+\\.alarm_name\\}$`),
        ),
      ),
    );
    const shift = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'shift-live-alias');
    expect(JSON.parse(shift.policy).Statement[1].Resource).toEqual(
      [
        'create-order-errors',
        'create-order-throttles',
        'create-order-duration-p99',
        'create-order-error-rate',
        'api-5xx-rate',
        'api-latency-p99',
      ].map((a) => `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:orders-dev-${a}`),
    );
  });

  it('fails when a routed function would roll back on more alarms than CodeDeploy takes', () => {
    const stack = testStack();
    const fn = testFunction(stack, 'create-order', { reservedConcurrency: 10, trafficShifting: {} });
    new HttpApi(stack, 'public', { routes: { 'POST /orders': { function: fn } } });
    new HttpApi(stack, 'partner', { routes: { 'POST /orders': { function: fn } } });

    expect(() => new HttpApi(stack, 'internal', { routes: { 'POST /orders': { function: fn } } })).toThrow(
      /^Function "create-order": trafficShifting would roll back on 11 alarms \(orders-dev-create-order-errors, .*, orders-dev-internal-latency-p99\), but CodeDeploy takes at most 10 per deployment group. Turn some of the function's alarms off \(alarms.<name>: false\), or route it from fewer HTTP APIs.$/,
    );
  });

  it.each([
    [
      { serverErrorRate: 2 },
      /^HttpApi "api": alarms.serverErrorRate 2 is out of range. AWS allows 0.001–1 \(a share: 0.05 is 5 %\); set alarms.serverErrorRate within that range.$/,
    ],
    [
      { serverErrorRateMinimum: 0 },
      /HttpApi "api": alarms.serverErrorRateMinimum 0 is out of range. AWS allows 1–1000000 requests in 5 minutes/,
    ],
    [
      { latencyP99: 60_000 },
      /HttpApi "api": alarms.latencyP99 60000 is out of range. AWS allows 10–30000 ms/,
    ],
    [{ latencyP99: 99.5 }, /HttpApi "api": alarms.latencyP99 99.5 is not a whole number/],
  ])('rejects %j', (alarms, message) => {
    expect(() => new HttpApi(testStack(), 'api', { alarms })).toThrow(message);
  });
});
