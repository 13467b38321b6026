// Runs a command and measures its wall time and the peak memory of its whole process tree: npx, nx and
// tsx start child processes, so the RSS of the first process alone would miss most of the memory.
// Linux only (reads /proc).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

/** The RSS in bytes of `root` and its descendants, found through /proc/<pid>/task/<tid>/children. */
function treeRss(root) {
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
 * Runs `command` and resolves { wallMs, peakRssMiB, stdout, stderr, code }; rejects on a non-zero exit
 * unless `allowFailure`. The tree's RSS is summed every `intervalMs`: a peak shorter than that can be missed,
 * and memory shared between processes is counted once per process (an upper bound).
 */
export function runMeasured(command, args, { cwd, env, intervalMs = 50, allowFailure = false, input } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    if (input) child.stdin.end(input);
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let peak = 0;
    const sample = () => {
      peak = Math.max(peak, treeRss(child.pid));
    };
    const timer = setInterval(sample, intervalMs);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const result = {
        wallMs,
        peakRssMiB: peak / 2 ** 20,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        code,
      };
      if (code !== 0 && !allowFailure) {
        const error = new Error(
          `${command} ${args.join(' ')} exited with ${code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
        );
        Object.assign(error, result);
        reject(error);
      } else resolve(result);
    });
  });
}
