import { createLambdaContext } from '../../src/createLambdaContext';

describe('Function: createLambdaContext', () => {
  it('gives the fields the Lambda Node.js runtime passes, with a new request ID per call', () => {
    const first = createLambdaContext();
    const second = createLambdaContext();

    expect(first).toMatchObject({
      functionName: 'orders-test-process-orders',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-test-process-orders',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/orders-test-process-orders',
    });
    expect(first.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.awsRequestId).not.toBe(first.awsRequestId);
  });

  it('applies overrides and derives names from the function name', () => {
    const context = createLambdaContext({ functionName: 'billing-dev-charge', functionVersion: '7' });

    expect(context.functionVersion).toBe('7');
    expect(context.invokedFunctionArn).toMatch(/:function:billing-dev-charge$/);
    expect(context.logGroupName).toBe('/aws/lambda/billing-dev-charge');
  });

  it('counts the remaining time down from the timeout', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const context = createLambdaContext({ timeoutMs: 3_000 });
      jest.setSystemTime(1_001_000);
      expect(context.getRemainingTimeInMillis()).toBe(2_000);
      jest.setSystemTime(1_010_000);
      expect(context.getRemainingTimeInMillis()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
