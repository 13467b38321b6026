import { assertName, assertNamesFit, assertTrigger, camelName, className } from '../../src/utils/names';

describe('names', () => {
  it.each(['orders', 'order-history', 'a1-b2'])('accepts kebab-case "%s"', (name) => {
    expect(() => assertName('service', name)).not.toThrow();
  });

  it.each(['Orders', 'order_history', '1orders', 'orders-', 'or--ders', ''])('rejects "%s" with the rule', (name) => {
    expect(() => assertName('service', name)).toThrow(/Invalid service name .* use lowercase kebab-case/);
  });

  it('rejects names whose AWS resources would not fit, saying by how much to shorten', () => {
    const service = 'a-very-long-service-name-for-reporting';
    expect(() => assertNamesFit(service, 'nightly-aggregation', ['dev', 'staging'])).toThrow(
      /"a-very-long-service-name-for-reporting-staging-nightly-aggregation" has 66 characters.*Shorten the service or function name by 14 characters/,
    );
    expect(() => assertNamesFit('orders', 'process-orders', ['dev', 'staging', 'prod'])).not.toThrow();
  });

  it('accepts only known triggers', () => {
    expect(() => assertTrigger('http')).not.toThrow();
    expect(() => assertTrigger('kinesis')).toThrow(/Unknown trigger "kinesis". Use one of: http, sqs, schedule/);
  });

  it('derives class and variable names', () => {
    expect(className('process-orders')).toBe('ProcessOrders');
    expect(camelName('process-orders')).toBe('processOrders');
  });
});
