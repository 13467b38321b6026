import { captureLogs } from '../../src/captureLogs';

describe('Function: captureLogs', () => {
  it('collects JSON lines from stdout and stderr, and other text separately', () => {
    const capture = captureLogs();
    try {
      process.stdout.write('{"level":"INFO","message":"one"}\n');
      process.stderr.write('{"level":"ERROR","message":"two"}\nnot json\n');
      process.stdout.write(Buffer.from('{"message":"one","n":2}\n'));
    } finally {
      capture.restore();
    }

    expect(capture.lines).toEqual([
      { level: 'INFO', message: 'one' },
      { level: 'ERROR', message: 'two' },
      { message: 'one', n: 2 },
    ]);
    expect(capture.other).toEqual(['not json']);
    expect(capture.withMessage('one')).toHaveLength(2);
  });

  it('calls a write callback and stops intercepting after restore', () => {
    const original = process.stdout.write;
    const capture = captureLogs();
    const callback = jest.fn();
    process.stdout.write('{"a":1}\n', callback);
    capture.restore();

    expect(callback).toHaveBeenCalled();
    expect(process.stdout.write).toBe(original);
  });
});
