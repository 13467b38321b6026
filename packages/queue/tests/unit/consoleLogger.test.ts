import { consoleLogger } from '../../src/consoleLogger';

describe('Object: consoleLogger', () => {
  it('writes one JSON line with the level, the message and the extra keys', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    consoleLogger.warn('SQS messages not sent', { failed: 2 });

    expect(warn.mock.calls).toEqual([['{"level":"WARN","message":"SQS messages not sent","failed":2}']]);
    warn.mockRestore();
  });
});
