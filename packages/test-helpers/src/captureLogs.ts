export type LogLine = Record<string, unknown>;

export interface LogCapture {
  /** Every JSON line written to stdout or stderr since the capture started, parsed. */
  readonly lines: readonly LogLine[];
  /** Anything written that was not a JSON object line. */
  readonly other: readonly string[];
  /** The lines whose `message` equals the given text. */
  withMessage(message: string): LogLine[];
  /** Put stdout and stderr back. */
  restore(): void;
}

/**
 * Captures structured logs by intercepting `process.stdout.write` and `process.stderr.write`, which is
 * where the Powertools Logger's console writes (one write per line). Call `restore()` in `afterEach`.
 */
export function captureLogs(): LogCapture {
  const lines: LogLine[] = [];
  const other: string[] = [];
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  const intercept = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parseObject(line);
      if (parsed) lines.push(parsed);
      else other.push(line);
    }
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    callback?.();
    return true;
  };
  process.stdout.write = intercept as typeof process.stdout.write;
  process.stderr.write = intercept as typeof process.stderr.write;
  return {
    lines,
    other,
    withMessage: (message) => lines.filter((line) => line.message === message),
    restore: () => {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
    },
  };
}

function parseObject(line: string): LogLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as LogLine)
      : undefined;
  } catch {
    return undefined;
  }
}
