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
          .map((a) => a.metric_name)
          .sort(),
      ).toEqual(['Duration', 'Errors', 'Throttles']);
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
      alarms: { errors: 5, throttles: false, durationShareOfTimeout: 0.5, concurrencyShareOfReserved: 0.9 },
    });
    const alarms = resourcesOf(synthJson(stack), 'aws_cloudwatch_metric_alarm');

    expect(Object.fromEntries(alarms.map((a) => [a.metric_name, a.threshold]))).toEqual({
      Errors: 5,
      Duration: 15000,
      ConcurrentExecutions: 9,
    });
  });

  it.each([
    [{ errors: 0 }, /Function "fn": alarms.errors 0 is out of range/],
    [
      { durationShareOfTimeout: 1.5 },
      /Function "fn": alarms.durationShareOfTimeout 1.5 is out of range. AWS allows 0.01–1/,
    ],
  ])('rejects %j', (alarms, message) => {
    expect(() => testFunction(testStack(), 'fn', { alarms })).toThrow(message);
  });
});
