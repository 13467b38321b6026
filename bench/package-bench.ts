// The micro-benchmarks that sit next to their package (packages/<package>/bench/), run by that folder's Nx
// target (`nx run lambda-bench:bench`, `nx run settings-bench:bench`; `npm run bench` runs them all):
//
//   tsx bench/package-bench.ts lambda     warm cost per SQS record of sqsHandler + logging against a bare loop
//   tsx bench/package-bench.ts settings   AWS calls of warm settings reads (cold, warm, after the max age)
//
// Each bundles its workload with the production esbuild options, runs it in its own process, writes
// bench/results/<package>-<name>.json and fills docs/performance.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { lambdaEnv, loadLambdaBuildOptions } from './lib/lambdaEnv';
import { renderDocs } from './lib/render';
import { docsFile, resultsDir, smoke, type Table, workspaceRoot, writeResult } from './lib/results';
import type { SettingsCalls } from './lib/settingsCalls';
import { fmt, type Stats, stats } from './lib/stats';

const tsx = join(workspaceRoot, 'node_modules', '.bin', 'tsx');
const signed = (value: number, digits = 1) => `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(digits)}`;

async function bundle(entry: string, out: string): Promise<string> {
  const lambdaBuildOptions = await loadLambdaBuildOptions();
  const file = join(out, 'index.js');
  await build(lambdaBuildOptions(join(workspaceRoot, entry), file));
  return file;
}

interface WarmSqs {
  records: number;
  rounds: number;
  usPerRecord: Record<string, number[]>;
  cpuUsPerRecord: Record<string, number[]>;
}

/** packages/lambda/bench/warm-sqs.ts: µs per SQS record, wrapped against bare, without and with a log line. */
async function lambda(out: string): Promise<void> {
  const file = await bundle('packages/lambda/bench/warm-sqs.ts', join(out, 'warm-sqs'));
  const resultFile = join(out, 'warm-sqs.json');
  const env = smoke() ? { BENCH_WARM_BATCHES: '20', BENCH_WARM_ROUNDS: '1' } : {};
  // Log lines to /dev/null: the cost of writing them is the process's, not the terminal's.
  execFileSync(process.execPath, [file, resultFile], {
    env: { ...lambdaEnv, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const raw = JSON.parse(readFileSync(resultFile, 'utf8')) as WarmSqs;
  const per = (values: Record<string, number[]>) =>
    Object.fromEntries(Object.entries(values).map(([mode, us]) => [mode, stats(us)])) as Record<
      string,
      Stats
    >;
  const cpu = per(raw.cpuUsPerRecord);
  const wall = per(raw.usPerRecord);
  const row = (label: string, mode: string, base: string): (string | number)[] => [
    label,
    fmt(cpu[mode]!, 1),
    wall[mode]!.median.toFixed(1),
    mode === base ? '' : signed(cpu[mode]!.median - cpu[base]!.median),
  ];
  const table: Table = {
    columns: [
      'per SQS record',
      'CPU µs, median (min–max)',
      'wall µs, median',
      'added to the bare loop, CPU µs',
    ],
    align: ['left', 'right', 'right', 'right'],
    rows: [
      row('bare loop, nothing logged', 'bare', 'bare'),
      row('`sqsHandler` + logging, nothing logged at INFO (target < 20 µs added)', 'wrapped', 'bare'),
      row('bare loop writing one minimal JSON line', 'bareWithLine', 'bareWithLine'),
      row('`sqsHandler` with one `logger.info` per record', 'wrappedWithLine', 'bareWithLine'),
    ],
  };
  await writeResult('lambda-warm-sqs', 'nx run lambda-bench:bench', { records: table });
  console.log(`${raw.records} records per round, ${raw.rounds} rounds:`, cpu);
}

/** packages/settings/bench/handler.ts: AWS calls of cold, warm and expired settings reads. */
async function settings(out: string): Promise<void> {
  const file = await bundle('packages/settings/bench/handler.ts', join(out, 'settings'));
  const maxAge = '2';
  const calls = JSON.parse(
    String(
      execFileSync(tsx, [join(__dirname, 'lib', 'settingsCalls.ts'), file], {
        env: { ...lambdaEnv, SETTINGS_MAX_AGE: maxAge, BENCH_WARM_INVOCATIONS: smoke() ? '10' : '1000' },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ),
  ) as SettingsCalls;
  const coldTotal = Object.values(calls.cold).reduce((a, b) => a + b, 0);
  const table: Table = {
    columns: [
      'invocations',
      'AWS calls',
      'of them GetParametersByPath',
      'GetSecretValue',
      'CPU µs per invocation',
    ],
    rows: [
      [
        'the first (cold)',
        coldTotal,
        calls.cold.GetParametersByPath ?? 0,
        calls.cold.GetSecretValue ?? 0,
        '',
      ],
      [
        `${calls.warmInvocations.toLocaleString('en')} warm, within \`SETTINGS_MAX_AGE\` (${calls.maxAgeSeconds} s here, 300 s by default)`,
        calls.warm,
        '',
        '',
        calls.warmCpuUs.toFixed(1),
      ],
      ['the first after the max age', calls.afterMaxAge, '', '', ''],
    ],
    align: ['left', 'right', 'right', 'right', 'right'],
  };
  await writeResult('settings-warm-reads', 'nx run settings-bench:bench', { calls: table });
  console.log(calls);
}

const benchmarks: Record<string, (out: string) => Promise<void>> = { lambda, settings };

async function main(name: string | undefined) {
  const run = name ? benchmarks[name] : undefined;
  if (!run)
    throw new Error(
      `Package "${name}" has no micro-benchmark: use one of ${Object.keys(benchmarks).join(', ')}.`,
    );
  // Inside the workspace (tmp/ is ignored by git), so that bundles resolve the workspace's node_modules.
  mkdirSync(join(workspaceRoot, 'tmp'), { recursive: true });
  const out = mkdtempSync(join(workspaceRoot, 'tmp', `bench-${name}-`));
  try {
    await run(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  await renderDocs(docsFile(), resultsDir());
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
