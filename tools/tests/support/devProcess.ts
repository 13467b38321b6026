import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The local endpoints a start-up summary of npm run dev names. */
export interface DevEndpoints {
  readonly ordersUrl: string;
  readonly sqs: string;
  readonly dynamodb: string;
  readonly control: string;
}

export interface DevProcess {
  readonly child: ChildProcess;
  /** Every line of stdout and stderr so far. */
  readonly lines: string[];
  /** Polls the output until a line matches; fails with the output after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
  /** Ctrl-C (SIGINT) and the exit code. */
  interrupt(): Promise<number | null>;
}

/**
 * `npm run dev`'s script (tsx tools/dev/cli.ts) as a child process in its own process group, on
 * free ports, with its work files in `workDir`.
 */
export function startDevProcess(root: string, workDir: string, args: string[] = []): DevProcess {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    [
      join(root, 'tools/dev/cli.ts'),
      ...['--port', '0', '--sqs-port', '0', '--dynamodb-port', '0', '--control-port', '0'],
      ...['--work-dir', workDir],
      ...args,
    ],
    {
      cwd: root,
      // Its own process group: the test can tell whether anything it started is left.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', FORCE_COLOR: '0' },
    },
  );
  const lines: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    async waitFor(pattern, timeoutMs = 180_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        for (const line of lines) {
          const match = pattern.exec(line);
          if (match) return match;
        }
        if (child.exitCode !== null || Date.now() > until) {
          throw new Error(
            `No line matching ${pattern} (exit ${child.exitCode}). Output:\n${lines.join('\n')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async interrupt() {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** The endpoints of a started dev, from its summary. */
export async function endpointsOf(dev: DevProcess): Promise<DevEndpoints> {
  await dev.waitFor(/^Ready in /);
  const find = (pattern: RegExp) => dev.lines.map((l) => pattern.exec(l)?.[1]).find(Boolean)!;
  return {
    ordersUrl: find(/^\s+POST (http:\/\/127\.0\.0\.1:\d+\/orders) /),
    sqs: find(/^Queues \(SQS and SNS at (http:\/\/127\.0\.0\.1:\d+)\)/),
    dynamodb: find(/^Tables \(DynamoDB at (http:\/\/127\.0\.0\.1:\d+)\)/),
    control: find(/^Control: (http:\/\/127\.0\.0\.1:\d+) /),
  };
}

/** Polls `check` until it returns a value (not undefined), up to `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 120_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Process IDs still in a process group (`ps`), the group leader included. */
export async function processGroup(pgid: number): Promise<number[]> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,stat=']).toString();
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, stat]) => Number(group) === pgid && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}
