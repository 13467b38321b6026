import { captureLogs, createLambdaContext, type LogCapture } from '@platform/test-helpers';
import { logger } from '../../src/logger';
import { runWithCorrelationId } from '../../src/runWithCorrelationId';
import { startInvocation } from '../../src/startInvocation';

describe('Logger: logger', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('writes one JSON line per call with service, environment and the Lambda context of the invocation', () => {
    // Prepare
    const context = createLambdaContext({ functionName: 'orders-test-create-order', functionVersion: '12' });

    // Act
    startInvocation(context);
    logger.info('Order created', { order_id: 'o-1' });

    // Assess
    expect(logs.lines).toEqual([
      {
        level: 'INFO',
        message: 'Order created',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        service: 'orders',
        environment: 'test',
        function_name: 'orders-test-create-order',
        function_version: '12',
        function_request_id: context.awsRequestId,
        cold_start: true,
        order_id: 'o-1',
      },
    ]);
  });

  it('reports no cold start after the first invocation, and the request ID of each', () => {
    const first = createLambdaContext();
    const second = createLambdaContext();
    startInvocation(createLambdaContext()); // the cold one, whichever test ran first

    startInvocation(first);
    logger.info('one');
    startInvocation(second);
    logger.info('two');

    expect(logs.lines.map((l) => [l.function_request_id, l.cold_start])).toEqual([
      [first.awsRequestId, false],
      [second.awsRequestId, false],
    ]);
  });

  it('logs at INFO and above by default, with errors and their stack', () => {
    startInvocation(createLambdaContext());

    logger.debug('hidden');
    logger.info('info');
    logger.warn('warn');
    logger.error('failed', new Error('boom'));

    expect(logs.lines.map((l) => l.level)).toEqual(['INFO', 'WARN', 'ERROR']);
    expect(logs.lines[2]!.error).toMatchObject({
      name: 'Error',
      message: 'boom',
      stack: expect.stringContaining('Error: boom'),
    });
  });

  it('puts the correlation ID of the current scope on every line, and none outside it', async () => {
    startInvocation(createLambdaContext());

    await runWithCorrelationId('c-123', async () => {
      logger.info('inside');
      await Promise.resolve();
      logger.info('still inside');
    });
    logger.info('outside');

    expect(logs.lines.map((l) => l.correlation_id)).toEqual(['c-123', 'c-123', undefined]);
  });

  it('drops keys appended during the previous invocation and keeps persistent ones', () => {
    startInvocation(createLambdaContext());
    logger.appendKeys({ order_id: 'o-1' });
    logger.appendPersistentKeys({ team: 'checkout' });

    startInvocation(createLambdaContext());
    logger.info('next');
    logger.removePersistentKeys(['team']);

    expect(logs.lines[0]).toMatchObject({ team: 'checkout' });
    expect(logs.lines[0]).not.toHaveProperty('order_id');
  });

  it('redacts secrets on every line, at any depth', () => {
    startInvocation(createLambdaContext());

    logger.info('Request', { request: { headers: { Authorization: 'Bearer abc', Accept: '*/*' } } });

    expect(logs.lines[0]!.request).toEqual({ headers: { Authorization: '[REDACTED]', Accept: '*/*' } });
  });
});
