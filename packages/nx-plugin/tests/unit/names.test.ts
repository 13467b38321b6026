import { assertName, assertNamesFit, assertTrigger, camelName, className } from '../../src/utils/names';

describe('names', () => {
  it.each(['orders', 'order-history', 'a1-b2'])('accepts kebab-case "%s"', (name) => {
    expect(() => assertName('service', name)).not.toThrow();
  });

  it.each(['Orders', 'order_history', '1orders', 'orders-', 'or--ders', ''])(
    'rejects "%s" with the rule',
    (name) => {
      expect(() => assertName('service', name)).toThrow(/Invalid service name .* use lowercase kebab-case/);
    },
  );

  it('rejects names whose AWS resources would not fit, saying which name and by how much to shorten', () => {
    const service = 'a-very-long-service-name-for-reporting';
    expect(() => assertNamesFit(service, 'nightly-aggregation', 'http', ['dev', 'staging'])).toThrow(
      /Lambda function .* "a-very-long-service-name-for-reporting-staging-nightly-aggregation", 66 characters; the limit is 57\. Shorten the service or function name by 9 characters/,
    );
    expect(() => assertNamesFit('orders', 'process-orders', 'sqs', ['dev', 'staging', 'prod'])).not.toThrow();
  });

  it("checks the names of the trigger resources too: a schedule's role is the longest", () => {
    // 48 characters as a function (limit 57), 67 with "-schedule-scheduler" (limit 64).
    const fn = 'aggregate-daily-sales-per-region';
    expect(`reports-staging-${fn}`.length).toBeLessThanOrEqual(57);
    expect(() => assertNamesFit('reports', fn, 'http', ['staging'])).not.toThrow();
    expect(() => assertNamesFit('reports', fn, 'schedule', ['staging'])).toThrow(
      /scheduler IAM role name would be "reports-staging-aggregate-daily-sales-per-region-schedule-scheduler", 67 characters; the limit is 64\. Shorten the service or function name by 3/,
    );
  });

  it('accepts only known triggers', () => {
    expect(() => assertTrigger('http')).not.toThrow();
    expect(() => assertTrigger('kinesis')).toThrow(
      /Unknown trigger "kinesis". Use one of: http, sqs, schedule/,
    );
  });

  it('derives class and variable names', () => {
    expect(className('process-orders')).toBe('ProcessOrders');
    expect(camelName('process-orders')).toBe('processOrders');
  });
});
