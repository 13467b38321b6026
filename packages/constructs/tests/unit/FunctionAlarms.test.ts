import { Testing } from 'cdktf';
import { resourcesOf, synthJson, testFunction, testStack } from '../helpers';

const ALARM = { tfResourceType: 'aws_cloudwatch_metric_alarm' };
const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:acme-alarms';

describe('Function alarms', () => {
  describe('defaults', () => {
    const stack = testStack();
    testFunction(stack, 'fn', { timeout: 10 });
    const synthesized = Testing.synth(stack);

    it('alarms on any error in a minute, to the stack topic, not breaching when idle', () => {
      expect(synthesized).toHaveResourceWithProperties(ALARM, {
        alarm_name: 'orders-dev-fn-errors',
        namespace: 'AWS/Lambda',
        metric_name: 'Errors',
        dimensions: { FunctionName: 'orders-dev-fn' },
        statistic: 'Sum',
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        period: 60,
        evaluation_periods: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      });
    });

    it('alarms on throttles', () => {
      expect(synthesized).toHaveResourceWithProperties(ALARM, {
        alarm_name: 'orders-dev-fn-throttles',
        metric_name: 'Throttles',
        threshold: 1,
      });
    });

    it('alarms when p99 duration passes 80 % of the timeout in 3 of 5 minutes', () => {
      expect(synthesized).toHaveResourceWithProperties(ALARM, {
        alarm_name: 'orders-dev-fn-duration-p99',
        metric_name: 'Duration',
        extended_statistic: 'p99',
        threshold: 8000,
        comparison_operator: 'GreaterThanThreshold',
        evaluation_periods: 5,
        datapoints_to_alarm: 3,
      });
    });

    it('has no concurrency alarm without reserved concurrency', () => {
      expect(
        resourcesOf(JSON.parse(synthesized), 'aws_cloudwatch_metric_alarm')
          .map((a) => a.alarm_name)
          .sort(),
      ).toEqual([
        'orders-dev-fn-duration-p99',
        'orders-dev-fn-error-rate',
        'orders-dev-fn-errors',
        'orders-dev-fn-throttles',
      ]);
    });

    it("alarms when over 5 % of the wrappers' work failed in 5 minutes, from 10 requests, runs or records on", () => {
      const platform = (metricName: string, status?: string) => ({
        namespace: 'Platform',
        metric_name: metricName,
        dimensions: {
          service: 'orders',
          environment: 'dev',
          function: 'orders-dev-fn',
          ...(status ? { status } : {}),
        },
        stat: 'Sum',
        period: 300,
      });
      expect(synthesized).toHaveResourceWithProperties(ALARM, {
        alarm_name: 'orders-dev-fn-error-rate',
        alarm_description:
          'orders-dev-fn: more than 5 % of its requests, scheduled runs or SQS records failed in 5 minutes (at least 10 of them).',
        metric_query: [
          { id: 'invocations', return_data: false, metric: platform('Invocations') },
          { id: 'errors', return_data: false, metric: platform('Invocations', 'error') },
          { id: 'records', return_data: false, metric: platform('Records') },
          { id: 'failedRecords', return_data: false, metric: platform('FailedRecords') },
          {
            id: 'work',
            return_data: false,
            expression: 'IF(FILL(records, 0) > 0, FILL(records, 0), FILL(invocations, 0))',
          },
          { id: 'failures', return_data: false, expression: 'FILL(errors, 0) + FILL(failedRecords, 0)' },
          {
            id: 'errorRate',
            return_data: true,
            expression: 'IF(work >= 10, failures / work, 0)',
            label: 'Share of failed requests, runs or records',
          },
        ],
        threshold: 0.05,
        comparison_operator: 'GreaterThanThreshold',
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      });
    });
  });

  it('alarms when concurrency nears its reserved limit', () => {
    const stack = testStack();
    testFunction(stack, 'fn', { reservedConcurrency: 50 });

    expect(Testing.synth(stack)).toHaveResourceWithProperties(ALARM, {
      alarm_name: 'orders-dev-fn-concurrency',
      metric_name: 'ConcurrentExecutions',
      statistic: 'Maximum',
      threshold: 40,
    });
  });

  it('takes thresholds and turns single alarms off', () => {
    const stack = testStack();
    testFunction(stack, 'fn', {
      timeout: 30,
      reservedConcurrency: 10,
      alarms: {
        errors: 5,
        throttles: false,
        durationShareOfTimeout: 0.5,
        concurrencyShareOfReserved: 0.9,
        errorRate: 0.2,
        errorRateMinimum: 50,
      },
    });
    const alarms = resourcesOf(synthJson(stack), 'aws_cloudwatch_metric_alarm');

    expect(Object.fromEntries(alarms.map((a) => [a.alarm_name, a.threshold]))).toEqual({
      'orders-dev-fn-errors': 5,
      'orders-dev-fn-duration-p99': 15000,
      'orders-dev-fn-concurrency': 9,
      'orders-dev-fn-error-rate': 0.2,
    });
    const rate = alarms.find((a) => a.alarm_name === 'orders-dev-fn-error-rate')!;
    expect(rate.metric_query.at(-1).expression).toBe('IF(work >= 50, failures / work, 0)');
  });

  it('turns the error rate off', () => {
    const stack = testStack();
    testFunction(stack, 'fn', { alarms: { errorRate: false } });

    expect(
      resourcesOf(synthJson(stack), 'aws_cloudwatch_metric_alarm').map((a) => a.alarm_name),
    ).not.toContain('orders-dev-fn-error-rate');
  });

  it.each([
    [{ errors: 0 }, /Function "fn": alarms.errors 0 is out of range/],
    [
      { durationShareOfTimeout: 1.5 },
      /Function "fn": alarms.durationShareOfTimeout 1.5 is out of range. AWS allows 0.01–1/,
    ],
    [
      { errorRate: 0 },
      /Function "fn": alarms.errorRate 0 is out of range. AWS allows 0.001–1 \(a share: 0.05 is 5 %\); set alarms.errorRate within that range./,
    ],
    [{ errorRate: 5 }, /alarms.errorRate 5 is out of range/],
    [{ errorRateMinimum: 0 }, /alarms.errorRateMinimum 0 is out of range. AWS allows 1–1000000/],
    [{ errorRateMinimum: 2.5 }, /alarms.errorRateMinimum 2.5 is not a whole number/],
  ])('rejects %j', (alarms, message) => {
    expect(() => testFunction(testStack(), 'fn', { alarms })).toThrow(message);
  });
});
