import { captureLogs, createLambdaContext, type LogCapture } from '@platform/test-helpers';
import { applyLogSettings, getLogSettings } from '../../src/applyLogSettings';
import { logger } from '../../src/logger';
import { startInvocation } from '../../src/startInvocation';

describe('Function: applyLogSettings', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
    applyLogSettings({ level: 'INFO', sampleRate: 0 });
    startInvocation(createLambdaContext());
  });
  afterEach(() => {
    logs.restore();
    jest.restoreAllMocks();
  });

  it('changes the level at once, in any case, without a redeploy', () => {
    logger.debug('hidden');
    applyLogSettings({ level: 'debug' });
    logger.debug('shown');
    applyLogSettings({ level: 'ERROR' });
    logger.warn('hidden too');

    expect(logs.lines.map((l) => l.message)).toEqual(['shown']);
    expect(getLogSettings()).toEqual({ level: 'ERROR', sampleRate: 0, debugSampled: false });
  });

  it('keeps the level for the following invocations', () => {
    applyLogSettings({ level: 'WARN' });

    startInvocation(createLambdaContext());
    logger.info('hidden');

    expect(logs.lines).toEqual([]);
    expect(logger.getLevelName()).toBe('WARN');
  });

  it('ignores an invalid level with a warning that lists the valid ones', () => {
    applyLogSettings({ level: 'verbose' });

    expect(getLogSettings().level).toBe('INFO');
    expect(logs.lines[0]).toMatchObject({
      level: 'WARN',
      message:
        'Ignoring log level "verbose" from settings: use one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT.',
    });
  });

  it.each([[-0.1], [1.5], [Number.NaN], ['0.5' as unknown as number]])(
    'ignores the sample rate %p with a warning',
    (sampleRate) => {
      applyLogSettings({ sampleRate: 0.25 });
      applyLogSettings({ sampleRate });

      expect(getLogSettings().sampleRate).toBe(0.25);
      expect(logs.lines[0]!.message).toMatch(
        /^Ignoring debug sample rate .* from settings: use a number from 0 to 1\.$/,
      );
    },
  );

  it('applies the valid half of partly invalid settings', () => {
    applyLogSettings({ level: 'WARN', sampleRate: 7 });

    expect(getLogSettings()).toMatchObject({ level: 'WARN', sampleRate: 0 });
  });
});

describe('Function: startInvocation (debug sampling)', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
    applyLogSettings({ level: 'INFO', sampleRate: 0 });
  });
  afterEach(() => {
    logs.restore();
    jest.restoreAllMocks();
  });

  it('draws again on every invocation: a sampled invocation logs DEBUG, the next one need not', () => {
    jest.spyOn(Math, 'random').mockReturnValueOnce(0.05).mockReturnValueOnce(0.5).mockReturnValueOnce(0.09);

    const debugLinesPerInvocation = [1, 2, 3].map(() => {
      startInvocation(createLambdaContext(), { settings: { sampleRate: 0.1 } });
      const before = logs.lines.length;
      logger.debug('detail');
      return logs.lines.length - before;
    });

    expect(debugLinesPerInvocation).toEqual([1, 0, 1]);
    expect(logs.withMessage('Debug sampling: this invocation logs at DEBUG')).toHaveLength(2);
  });

  it('never samples at rate 0 and always at rate 1', () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0);

    startInvocation(createLambdaContext(), { settings: { sampleRate: 0 } });
    expect(getLogSettings().debugSampled).toBe(false);
    expect(random).not.toHaveBeenCalled();

    random.mockReturnValue(0.999);
    startInvocation(createLambdaContext(), { settings: { sampleRate: 1 } });
    expect(getLogSettings().debugSampled).toBe(true);
  });

  it('keeps a sampled invocation at DEBUG when the base level changes during it', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    startInvocation(createLambdaContext(), { settings: { sampleRate: 0.5 } });

    applyLogSettings({ level: 'ERROR' });
    logger.debug('still sampled');

    expect(logs.withMessage('still sampled')).toHaveLength(1);
  });

  it('uses a new rate from the next draw, and leaves TRACE at TRACE', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.3);
    startInvocation(createLambdaContext(), { settings: { sampleRate: 0.2 } });
    expect(getLogSettings().debugSampled).toBe(false);

    startInvocation(createLambdaContext(), { settings: { sampleRate: 0.4, level: 'TRACE' } });

    expect(getLogSettings()).toEqual({ level: 'TRACE', sampleRate: 0.4, debugSampled: true });
    expect(logger.getLevelName()).toBe('TRACE');
  });

  it('returns to the base level after a sampled invocation', () => {
    jest.spyOn(Math, 'random').mockReturnValueOnce(0).mockReturnValueOnce(0.9);
    startInvocation(createLambdaContext(), { settings: { sampleRate: 0.5 } });
    expect(logger.getLevelName()).toBe('DEBUG');

    startInvocation(createLambdaContext());

    expect(logger.getLevelName()).toBe('INFO');
  });
});
