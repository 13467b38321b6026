// Synth benchmark: full synth of 1, 30 and 90 stacks and one selected stack among 90, each in a fresh
// process (bench/synth-worker.ts), median of BENCH_RUNS with min–max. Part of `npm run bench`
// (`nx run bench:bench`); writes bench/results/synth.json and fills docs/performance.md ("Synth").
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocs } from './lib/render';
import { docsFile, resultsDir, smoke, workspaceRoot, writeResult } from './lib/results';
import { fmt, stats } from './lib/stats';

interface Case {
  readonly label: string;
  readonly services: number;
  readonly envs: number;
  readonly selection?: string;
}

interface WorkerResult {
  readonly stacks: number;
  readonly synthMs: number;
  readonly maxRssMiB: number;
  readonly wallMs: number;
}

const CASES: readonly Case[] = [
  { label: '1 stack (1 service × 1 env)', services: 1, envs: 1 },
  { label: '30 stacks (10 services × 3 envs)', services: 10, envs: 3 },
  { label: '90 stacks (30 services × 3 envs)', services: 30, envs: 3 },
  { label: '1 selected of 90 (30 services)', services: 30, envs: 3, selection: 'svc-007-staging' },
];

function measure(c: Case, zip: string): WorkerResult {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_SERVICES: String(c.services),
    BENCH_ENVS: String(c.envs),
    BENCH_ZIP: zip,
  };
  if (c.selection) env.BENCH_SELECTION = c.selection;
  const t0 = process.hrtime.bigint();
  const out = execFileSync(
    join(workspaceRoot, 'node_modules', '.bin', 'tsx'),
    [join(__dirname, 'synth-worker.ts')],
    {
      cwd: workspaceRoot,
      env,
    },
  );
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ...(JSON.parse(out.toString()) as Omit<WorkerResult, 'wallMs'>), wallMs };
}

async function main() {
  const runs = smoke() ? 1 : Number(process.env.BENCH_RUNS ?? 5);
  const cases = smoke() ? CASES.slice(0, 1) : CASES;
  const zip = join(workspaceRoot, 'dist', 'apps', 'orders', 'create-order.zip');
  if (!existsSync(zip))
    execFileSync('npx', ['nx', 'run', 'orders:build'], { cwd: workspaceRoot, stdio: 'inherit' });

  const rows = cases.map((c) => {
    const measured = Array.from({ length: runs }, () => measure(c, zip));
    const row = {
      case: c,
      stacks: measured[0]!.stacks,
      synth: stats(measured.map((r) => r.synthMs)),
      wall: stats(measured.map((r) => r.wallMs)),
      rss: stats(measured.map((r) => r.maxRssMiB)),
    };
    console.log(
      `${c.label}: synth ${fmt(row.synth)} ms, process ${fmt(row.wall)} ms, peak RSS ${fmt(row.rss)} MiB`,
    );
    return row;
  });
  const base = rows[0]!.synth.median;
  await writeResult('synth', 'npm run bench', {
    cases: {
      columns: [
        'case',
        'stacks built',
        'synth ms, median (min–max)',
        'per stack ms',
        'ratio to 1 stack',
        'process wall ms',
        'peak RSS MiB',
      ],
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      rows: rows.map((r) => [
        r.case.label,
        r.stacks,
        fmt(r.synth),
        (r.synth.median / r.stacks).toFixed(1),
        (r.synth.median / base).toFixed(2),
        fmt(r.wall),
        fmt(r.rss),
      ]),
    },
  });
  await renderDocs(docsFile(), resultsDir());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
