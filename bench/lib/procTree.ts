// Runs a command and measures its wall time and the peak memory of its whole process tree: npx, nx and
// tsx start child processes, so the RSS of the first process alone would miss most of the memory.
// Linux only (reads /proc).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

export interface MeasuredRun {
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly intervalMs?: number;
  readonly allowFailure?: boolean;
  readonly input?: string;
}

/** The RSS in bytes of `root` and its descendants, found through /proc/<pid>/task/<tid>/children. */
function treeRss(root: number): number {
  let bytes = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop();
    try {
      bytes += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (children) pending.push(...children.split(' ').map(Number));
      }
    } catch {
      // The process ended while it was being read.
    }
  }
  return bytes;
}

/**
 * Runs `command` and resolves its wall time, peak tree RSS, output and exit code; rejects on a non-zero
 * exit unless `allowFailure`. The tree's RSS is summed every `intervalMs`: a peak shorter than that can be
 * missed, and memory shared between processes is counted once per process (an upper bound).
 */
export function runMeasured(
  command: string,
  args: readonly string[],
  { cwd, env, intervalMs = 50, allowFailure = false, input }: RunOptions = {},
): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    if (input) child.stdin?.end(input);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid));
    }, intervalMs);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const result: MeasuredRun = {
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
        peakRssMiB: peak / 2 ** 20,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        code,
      };
      if (code !== 0 && !allowFailure) {
        const error = new Error(
          `${command} ${args.join(' ')} exited with ${code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
        );
        reject(Object.assign(error, result));
      } else resolve(result);
    });
  });
}
