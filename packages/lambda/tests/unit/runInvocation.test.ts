import type { Context } from 'aws-lambda';
import { applyLogSettings, getCorrelationId, logger } from '@platform/logging';
import { captureLogs, type LogCapture } from '@platform/test-helpers';
import { asError, runInvocation } from '../../src/runInvocation';

describe('Function: runInvocation', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
    applyLogSettings({ level: 'INFO', sampleRate: 0 });
  });
  afterEach(() => logs.restore());

  const scope = (fields: object) => ({
    event: {},
    context: undefined,
    correlationId: 'c-1',
    logSettings: undefined,
    ...fields,
  });

  it('runs the work under the correlation ID and returns its result', async () => {
    const result = await runInvocation(scope({}), async () => getCorrelationId());

    expect(result).toBe('c-1');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'context'],
  ])('runs without Lambda context keys when the context is %s', async (_case, context) => {
    await runInvocation(scope({ context: context as unknown as Context }), async () => {
      logger.info('work');
    });

    expect(logs.withMessage('work')[0]).not.toHaveProperty('function_name');
    expect(logs.withMessage('work')[0]).not.toHaveProperty('cold_start');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'DEBUG'],
  ])(
    'keeps the current log settings, without a warning, when the source gives %s',
    async (_case, settings) => {
      await runInvocation(scope({ logSettings: async () => settings }), async () => {
        logger.info('info line');
        logger.debug('debug line');
      });

      expect(logs.lines.map((l) => l.message)).toEqual(['info line']);
    },
  );

  it('applies the settings the source gives', async () => {
    await runInvocation(scope({ logSettings: () => ({ level: 'DEBUG' }) }), async () => {
      logger.debug('debug line');
    });

    expect(logs.withMessage('debug line')).toHaveLength(1);
  });

  it('warns with the thrown value as an Error when the settings source throws something else', async () => {
    const result = await runInvocation(
      scope({
        logSettings: () => {
          throw 'SSM throttled';
        },
      }),
      async () => 'done',
    );

    expect(result).toBe('done');
    expect(logs.withMessage('Could not read the log settings; keeping the current ones')[0]).toMatchObject({
      level: 'WARN',
      correlation_id: 'c-1',
      error: { name: 'Error', message: 'Non-error thrown: SSM throttled' },
    });
  });
});

describe('Function: asError', () => {
  it('keeps an Error and wraps anything else, naming it', () => {
    const error = new TypeError('bad');

    expect(asError(error)).toBe(error);
    expect(asError(42).message).toBe('Non-error thrown: 42');
    expect(asError(undefined).message).toBe('Non-error thrown: undefined');
  });
});
