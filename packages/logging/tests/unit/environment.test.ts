import { captureLogs, createLambdaContext, type LogCapture } from '@platform/test-helpers';

type Logging = typeof import('../../src/index');

const saved = { ...process.env };

// The logger reads its environment once, when its module loads: load a fresh copy per case.
async function loadLogging(env: Record<string, string | undefined>): Promise<Logging> {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  let logging: Logging | undefined;
  await jest.isolateModulesAsync(async () => {
    logging = await import('../../src/index');
  });
  return logging!;
}

describe('Logger: configuration from the environment', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => {
    logs.restore();
    process.env = { ...saved };
  });

  it('falls back to POWERTOOLS_SERVICE_NAME when SERVICE is not set', async () => {
    const { logger } = await loadLogging({ SERVICE: undefined, POWERTOOLS_SERVICE_NAME: 'billing' });

    logger.info('hello');

    expect(logs.lines[0]).toMatchObject({ service: 'billing', environment: 'test' });
  });

  it('starts at the level of POWERTOOLS_LOG_LEVEL, else LOG_LEVEL', async () => {
    const first = await loadLogging({ POWERTOOLS_LOG_LEVEL: 'debug' });
    expect(first.getLogSettings().level).toBe('DEBUG');

    const second = await loadLogging({ POWERTOOLS_LOG_LEVEL: undefined, LOG_LEVEL: 'WARN' });
    second.logger.info('hidden');
    second.logger.warn('shown');

    expect(second.getLogSettings().level).toBe('WARN');
    expect(logs.lines.map((l) => l.message)).toEqual(['shown']);
  });

  it('ignores an invalid level or sample rate in the environment', async () => {
    const { getLogSettings } = await loadLogging({
      POWERTOOLS_LOG_LEVEL: 'verbose',
      POWERTOOLS_LOGGER_SAMPLE_RATE: '1.5',
    });

    expect(getLogSettings()).toMatchObject({ level: 'INFO', sampleRate: 0 });
  });

  it('samples DEBUG at the rate of POWERTOOLS_LOGGER_SAMPLE_RATE and shows the rate on each line', async () => {
    const { logger, startInvocation } = await loadLogging({ POWERTOOLS_LOGGER_SAMPLE_RATE: '1' });

    startInvocation(createLambdaContext());
    logger.debug('detail');

    expect(logs.lines.map((l) => [l.message, l.level, l.sampling_rate])).toEqual([
      ['Debug sampling: this invocation logs at DEBUG', 'DEBUG', 1],
      ['detail', 'DEBUG', 1],
    ]);
  });

  it('logs the invocation event, redacted, when POWERTOOLS_LOGGER_LOG_EVENT is true', async () => {
    const { startInvocation } = await loadLogging({ POWERTOOLS_LOGGER_LOG_EVENT: 'true' });

    startInvocation(createLambdaContext(), {
      event: { headers: { authorization: 'Bearer abc' }, body: '{}' },
    });

    expect(logs.withMessage('Lambda invocation event')[0]!.event).toEqual({
      headers: { authorization: '[REDACTED]' },
      body: '{}',
    });
  });

  it('does not log the event otherwise', async () => {
    const { startInvocation } = await loadLogging({});

    startInvocation(createLambdaContext(), { event: { body: '{}' } });

    expect(logs.withMessage('Lambda invocation event')).toEqual([]);
  });
});
