// npm run dev: start-up (spawn of its script to the summary's "Ready" line) for both example services,
// rebuild-to-ready after a handler edit (the file written -> "<function> reloaded": esbuild watch noticed,
// rebuilt, and a fresh process loaded the new bundle), and Ctrl-C to exit. Runs in a temporary copy of the
// workspace (git ls-files, node_modules linked, the repository's synthesized dev stacks copied in), so the
// edits never touch the repository. `npm run bench:dev` (`nx run bench:bench-dev`): BENCH_RUNS (default 5)
// rounds of a first start (no bundles) with 3 edits, a restart after those edits, a restart with nothing
// changed. Writes bench/results/dev.json and fills docs/performance.md ("Dev").
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderDocs } from './lib/render';
import { docsFile, resultsDir, smoke, workspaceRoot, writeResult } from './lib/results';
import { fmt, stats } from './lib/stats';

const EDITS = smoke() ? 1 : 3;

interface Waiter {
  pattern: RegExp;
  resolve: (value: { match: RegExpExecArray; at: number }) => void;
}

function copyWorkspace(): string {
  const copy = mkdtempSync(join(tmpdir(), 'bench-dev-'));
  const files = String(execFileSync('git', ['ls-files', '-z'], { cwd: workspaceRoot }))
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(workspaceRoot, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(workspaceRoot, file), join(copy, file));
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  // Every dev stack (dev synthesizes first when a service's stack is missing), though only two run.
  const stacks = join(workspaceRoot, 'cdktf.out', 'stacks');
  for (const stack of existsSync(stacks) ? readdirSync(stacks).filter((s) => s.endsWith('-dev')) : []) {
    const from = join(stacks, stack, 'cdk.tf.json');
    if (!existsSync(from)) continue;
    mkdirSync(join(copy, 'cdktf.out', 'stacks', stack), { recursive: true });
    copyFileSync(from, join(copy, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'));
  }
  for (const stack of ['orders-dev', 'reports-dev']) {
    if (!existsSync(join(copy, 'cdktf.out', 'stacks', stack, 'cdk.tf.json')))
      throw new Error(`${join(stacks, stack, 'cdk.tf.json')} is missing: run \`npm run synth\` first.`);
  }
  return copy;
}

/** Any free port for everything dev listens on. */
const FREE_PORTS = ['--port', '--sqs-port', '--dynamodb-port', '--control-port'].flatMap((o) => [o, '0']);

function startDev(copy: string) {
  const started = performance.now();
  const child: ChildProcess = spawn(
    join(copy, 'node_modules', '.bin', 'tsx'),
    // The two example services by name: with no name dev starts every service of the copy, which in a copy
    // holding generated services (bench's smoke tests in bench:shards) is a hundred of them.
    ['tools/dev/cli.ts', 'orders', 'reports', ...FREE_PORTS],
    { cwd: copy, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const waiters: Waiter[] = [];
  let buffer = '';
  let output = '';
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-6000);
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
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
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const waitFor = (pattern: RegExp) =>
    new Promise<{ match: RegExpExecArray; at: number }>((resolve, reject) => {
      waiters.push({ pattern, resolve });
      setTimeout(
        () => reject(new Error(`timed out waiting for ${pattern}; the end of dev's output:\n${output}`)),
        120_000,
      ).unref();
    });
  /** Ends dev and everything it started (its own process group: detached), when a session fails. */
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  return { child, started, waitFor, kill };
}

async function main() {
  const runs = smoke() ? 1 : Number(process.env.BENCH_RUNS ?? 5);
  const copy = copyWorkspace();
  const cold: number[] = [];
  const reported: number[] = [];
  const afterEdit: number[] = [];
  const unchanged: number[] = [];
  const rebuild: number[] = [];
  const esbuildMs: number[] = [];
  const shutdown: number[] = [];
  const handler = join(copy, 'apps/orders/src/handlers/create-order.ts');

  /** Starts dev, waits for "Ready", then runs `during` and stops it with SIGINT. */
  async function session(
    during: (dev: ReturnType<typeof startDev>) => Promise<void> = async () => undefined,
  ) {
    const dev = startDev(copy);
    let ready: Awaited<ReturnType<typeof dev.waitFor>>;
    try {
      ready = await dev.waitFor(/^Ready in ([\d.]+) s/);
      await during(dev);
    } catch (error) {
      // Left running, dev would keep watching a copy that is about to be removed, and keep this process alive.
      dev.kill();
      throw error;
    }
    const stopping = performance.now();
    const exited = new Promise((resolve) => dev.child.once('exit', resolve));
    dev.child.kill('SIGINT');
    await exited;
    shutdown.push(performance.now() - stopping);
    return { wall: ready.at - dev.started, inProcess: Number(ready.match[1]) * 1000 };
  }

  try {
    for (let run = 0; run < runs; run++) {
      // 1. No bundles yet: every function is built.
      rmSync(join(copy, 'dist', 'dev'), { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      const first = await session(async (dev) => {
        for (let edit = 0; edit < EDITS; edit++) {
          const reloaded = dev.waitFor(/^\[dev\] orders\/create-order reloaded/);
          const rebuilt = dev.waitFor(/^\[dev\] orders\/create-order rebuilt in (\d+) ms/);
          // A change esbuild cannot drop as dead code: an export of the entry point.
          const edited = performance.now();
          appendFileSync(handler, `\nexport const benchEdit${run}x${edit} = ${run * EDITS + edit};\n`);
          const [done, built] = await Promise.all([reloaded, rebuilt]);
          rebuild.push(done.at - edited);
          esbuildMs.push(Number(built.match[1]));
        }
      });
      cold.push(first.wall);
      reported.push(first.inProcess);
      copyFileSync(join(workspaceRoot, 'apps/orders/src/handlers/create-order.ts'), handler);
      // 2. A restart after that edit: create-order is built, the 3 others come from the last run.
      afterEdit.push((await session()).wall);
      // 3. A restart with nothing changed: every bundle from the last run.
      unchanged.push((await session()).wall);
    }
  } finally {
    // esbuild's service process, killed by dev's Ctrl-C, may still be ending a background build's write.
    rmSync(copy, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }

  const s = (xs: number[]) => fmt(stats(xs));
  await writeResult('dev', 'npm run bench:dev', {
    measures: {
      columns: ['measure', 'ms, median (min–max)', 'target'],
      align: ['left', 'right', 'left'],
      rows: [
        [
          'start-up, first run (every function built): spawn of `tsx tools/dev/cli.ts` to the summary\'s "Ready" line',
          s(cold),
          '< 10,000',
        ],
        [
          '… of which in the process ("Ready in" in the summary: stacks read, local servers, first builds, 4 warm functions)',
          s(reported),
          '',
        ],
        ['start-up after a handler edit (that function built, 3 bundles reused)', s(afterEdit), '< 10,000'],
        ['start-up with nothing changed (every bundle reused)', s(unchanged), '< 10,000'],
        [
          'rebuild-to-ready: handler saved to "orders/create-order reloaded" (watch, rebuild, new process loaded)',
          s(rebuild),
          '< 2,000',
        ],
        ['… of which the esbuild rebuild of the function (its own context)', s(esbuildMs), ''],
        ['Ctrl-C to exit (every process and port closed), all starts', s(shutdown), ''],
      ],
    },
  });
  await renderDocs(docsFile(), resultsDir());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
