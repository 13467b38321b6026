#!/usr/bin/env node
// npm run dev: start-up (spawn of its script to the summary's "Ready" line) for both example
// services, rebuild-to-ready after a handler edit (the file written -> "<function> reloaded": esbuild
// watch noticed, rebuilt, and a fresh process loaded the new bundle), and Ctrl-C to exit.
// Runs in a temporary copy of the workspace (git ls-files, node_modules linked, the repository's
// synthesized dev stacks copied in), so the edits never touch the repository.
// Writes docs/performance.md ("Dev"). BENCH_RUNS (default 5) rounds of: a first start (no bundles)
// with 3 edits, a restart after those edits, a restart with nothing changed.
import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fmt, machine, stats, writeSection } from './lib/report.mjs';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const EDITS = 3;
const load = loadavg()[0].toFixed(1);

const copy = mkdtempSync(join(tmpdir(), 'bench-dev-'));
process.on('exit', () => rmSync(copy, { recursive: true, force: true }));
const files = String(execFileSync('git', ['ls-files', '-z'], { cwd: root }))
  .split('\0')
  .filter(Boolean);
for (const file of files) {
  if (!existsSync(join(root, file))) continue;
  mkdirSync(dirname(join(copy, file)), { recursive: true });
  copyFileSync(join(root, file), join(copy, file));
}
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
for (const stack of ['orders-dev', 'reports-dev']) {
  const from = join(root, 'cdktf.out', 'stacks', stack, 'cdk.tf.json');
  if (!existsSync(from)) throw new Error(`Run npm run synth first: ${from} is missing.`);
  mkdirSync(join(copy, 'cdktf.out', 'stacks', stack), { recursive: true });
  copyFileSync(from, join(copy, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'));
}

function startDev() {
  const started = performance.now();
  const child = spawn(
    join(copy, 'node_modules', '.bin', 'tsx'),
    ['tools/dev/cli.ts', '--port', '0', '--sqs-port', '0', '--dynamodb-port', '0', '--control-port', '0'],
    { cwd: copy, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const waiters = [];
  let buffer = '';
  const onData = (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) {
      for (const waiter of [...waiters]) {
        const match = waiter.pattern.exec(line);
        if (match) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve({ match, at: performance.now() });
        }
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitFor = (pattern) =>
    new Promise((resolve, reject) => {
      waiters.push({ pattern, resolve });
      setTimeout(() => reject(new Error(`timed out waiting for ${pattern}`)), 120_000).unref();
    });
  return { child, started, waitFor };
}

const cold = [];
const reported = [];
const afterEdit = [];
const unchanged = [];
const rebuild = [];
const esbuildMs = [];
const shutdown = [];
const handler = join(copy, 'apps/orders/src/handlers/create-order.ts');

/** Starts dev, waits for "Ready", then runs `during` and stops it with SIGINT. */
async function session(during = async () => {}) {
  const dev = startDev();
  const ready = await dev.waitFor(/^Ready in ([\d.]+) s/);
  await during(dev);
  const stopping = performance.now();
  const exited = new Promise((resolve) => dev.child.once('exit', resolve));
  dev.child.kill('SIGINT');
  await exited;
  shutdown.push(performance.now() - stopping);
  return { wall: ready.at - dev.started, inProcess: Number(ready.match[1]) * 1000 };
}

for (let run = 0; run < RUNS; run++) {
  // 1. No bundles yet: every function is built.
  rmSync(join(copy, 'dist', 'dev'), { recursive: true, force: true });
  const first = await session(async (dev) => {
    for (let edit = 0; edit < EDITS; edit++) {
      const reloaded = dev.waitFor(/^\[dev\] orders\/create-order reloaded/);
      const rebuilt = dev.waitFor(/^\[dev\] orders\/create-order rebuilt in (\d+) ms/);
      // A change esbuild cannot drop as dead code: an export of the entry point.
      const edited = performance.now();
      appendFileSync(handler, `\nexport const benchEdit${run}x${edit} = ${run * EDITS + edit};\n`);
      const [done, build] = await Promise.all([reloaded, rebuilt]);
      rebuild.push(done.at - edited);
      esbuildMs.push(Number(build.match[1]));
    }
  });
  cold.push(first.wall);
  reported.push(first.inProcess);
  copyFileSync(join(root, 'apps/orders/src/handlers/create-order.ts'), handler);
  // 2. A restart after that edit: create-order is built, the 3 others come from the last run.
  afterEdit.push((await session()).wall);
  // 3. A restart with nothing changed: every bundle from the last run.
  unchanged.push((await session()).wall);
}

const s = (xs) => fmt(stats(xs));
const body = `
Measured ${machine()}, load average ${load} at the start (\`npm run bench:dev\`); ${RUNS} rounds of 3 starts, ${EDITS} edits in the first; ms, median (min–max).
Both example services (orders, reports: 4 functions, 1 HTTP API, 10 queues, 2 mappings, 1 schedule, 2 tables) from the synthesized dev stacks, in a copy of the workspace.

| measure | ms | target |
| --- | --: | --- |
| start-up, first run (every function built): spawn of \`tsx tools/dev/cli.ts\` to the summary's "Ready" line | ${s(cold)} | < 10,000 |
| … of which in the process ("Ready in" in the summary: stacks read, local servers, first builds, 4 warm functions) | ${s(reported)} | |
| start-up after a handler edit (that function built, 3 bundles reused) | ${s(afterEdit)} | < 10,000 |
| start-up with nothing changed (every bundle reused) | ${s(unchanged)} | < 10,000 |
| rebuild-to-ready: handler saved to "orders/create-order reloaded" (watch, rebuild, new process loaded) | ${s(rebuild)} | < 2,000 |
| … of which the esbuild rebuild of the function (its own context) | ${s(esbuildMs)} | |
| Ctrl-C to exit (every process and port closed), all starts | ${s(shutdown)} | |

${
  Number(load) > cpus().length
    ? `**The machine was shared** (load average ${load} on ${cpus().length} cores): the maxima are other work as much as ours; the minima are the closest to an idle machine.\n`
    : ''
}Start-up runs esbuild once per function (one context each, the Lambda bundle options) while the local servers start, then watches;
a bundle whose inputs (by modification time) and options are unchanged since the last run is used as it is (\`dist/dev/bundles/<service>/<function>/inputs.json\`).
The rest of rebuild-to-ready is esbuild's watch noticing the change and the new function process loading its bundle;
the functions that did not change keep their processes.
`;
writeSection(join(root, 'docs', 'performance.md'), 'Dev', body);
console.log(body);
