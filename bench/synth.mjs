#!/usr/bin/env node
// Synth benchmark: full synth of 1, 30 and 90 stacks and one selected stack among 90, each in a
// fresh process, median of RUNS with min–max. Writes docs/performance.md (section "Synth").
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fmt, machine, stats, writeSection } from './lib/report.mjs';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const zip = join(root, 'dist', 'apps', 'orders', 'create-order.zip');
if (!existsSync(zip)) execFileSync('npx', ['nx', 'run', 'orders:build'], { cwd: root, stdio: 'inherit' });

const cases = [
  { label: '1 stack (1 service × 1 env)', services: 1, envs: 1 },
  { label: '30 stacks (10 services × 3 envs)', services: 10, envs: 3 },
  { label: '90 stacks (30 services × 3 envs)', services: 30, envs: 3 },
  { label: '1 selected of 90 (30 services)', services: 30, envs: 3, selection: 'svc-007-staging' },
];

const measure = (c) => {
  const env = {
    ...process.env,
    BENCH_SERVICES: String(c.services),
    BENCH_ENVS: String(c.envs),
    BENCH_ZIP: zip,
  };
  if (c.selection) env.BENCH_SELECTION = c.selection;
  const t0 = process.hrtime.bigint();
  const out = execFileSync(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(root, 'bench', 'synth-worker.ts')],
    { cwd: root, env },
  );
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ...JSON.parse(out.toString()), wallMs };
};

const rows = [];
for (const c of cases) {
  const runs = Array.from({ length: RUNS }, () => measure(c));
  const synth = stats(runs.map((r) => r.synthMs));
  rows.push({
    ...c,
    stacks: runs[0].stacks,
    synth,
    wall: stats(runs.map((r) => r.wallMs)),
    rss: stats(runs.map((r) => r.maxRssMiB)),
  });
  console.log(
    `${c.label}: synth ${fmt(synth)} ms, process ${fmt(rows.at(-1).wall)} ms, peak RSS ${fmt(rows.at(-1).rss)} MiB`,
  );
}
const base = rows[0].synth.median;
const table = [
  '| case | stacks built | synth ms, median (min–max) | per stack ms | ratio to 1 stack | process wall ms | peak RSS MiB |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.label} | ${r.stacks} | ${fmt(r.synth)} | ${(r.synth.median / r.stacks).toFixed(1)} | ${(r.synth.median / base).toFixed(2)} | ${fmt(r.wall)} | ${fmt(r.rss)} |`,
  ),
];
const doc = join(root, 'docs', 'performance.md');
writeSection(
  doc,
  'Synth',
  [
    `Measured ${machine()}; ${RUNS} runs each, every run a fresh process (\`node bench/synth.mjs\`).`,
    'Synth ms is `buildApp` + `app.synth()` in the process (after TypeScript compilation by tsx); process wall includes Node start, tsx and module loading. Each stack holds one function from a ready zip (`AssetType.FILE`).',
    '',
    ...table,
  ].join('\n'),
);
console.log(`\nwrote ${doc}`);
