#!/usr/bin/env tsx
// Task time per generated service (issue 19, item 3), old configuration against new in one run: for each
// configuration, a temporary copy of the repository at that revision (node_modules linked from this one),
// N services from its own generators (as bench/scale.ts makes them), then
// `nx run-many -t lint typecheck test --skip-nx-cache -p svc-*` under NX_PROFILE: what each task of a
// generated service cost, and what the run needed besides (tasks of shared projects it depended on).
// Writes bench/results/task-cost.json and fills docs/performance.md.
//
//   npm run bench:task-cost        N = 10, 3 rounds (old, new, old, new, ...), old = OLD_CONFIG below
//   options: --services=10 --rounds=3 --old=<revision> --new=<revision> --keep --json=<raw results file>
//   --report=<raw results file>: the tables again from an earlier run's raw results, nothing measured
//   a revision may be WORKTREE (this checkout's tracked and untracked files as they are now) or none (skipped).
//   BENCH_SMOKE=1: N = 1, one round, the new configuration (HEAD) only
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { docsFile, resultsDir, smoke, type Cell, type Table, writeResult } from './lib/results';
import { renderDocs } from './lib/render';
import { median } from './lib/stats';
import {
  type Copy,
  commitAll,
  firstFreeIndex,
  generateInProcess,
  nx,
  specOf,
  topologyServices,
} from './scale/workspace';

const root = resolve(__dirname, '..');
const option = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
/**
 * The last commit before issue 19's item 3 (a `tsc --noEmit` and an `eslint` process per task): the old
 * configuration the new one is measured against.
 */
const OLD_CONFIG = '94aad0b';
const SERVICES = Number(option('services', smoke() ? '1' : '10'));
const ROUNDS = Number(option('rounds', smoke() ? '1' : '3'));
const CONFIGS = { old: option('old', smoke() ? 'none' : OLD_CONFIG), new: option('new', 'HEAD') };
/** Tasks at once: nx.json `parallel`. */
const PARALLEL = 2;
const TARGETS = ['lint', 'typecheck', 'test'];

function copyAt(revision: string): Copy {
  const dir = mkdtempSync(join(tmpdir(), `task-cost-${revision.replace(/\W/g, '')}-`));
  if (revision === 'WORKTREE') {
    const files = String(
      execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root }),
    )
      .split('\0')
      .filter((f) => f && existsSync(join(root, f)) && statSync(join(root, f)).isFile());
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(root, file), join(dir, file));
    }
  } else {
    const archive = execFileSync('git', ['archive', '--format=tar', revision], {
      cwd: root,
      maxBuffer: 1 << 30,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const git = (...args: string[]) =>
    String(
      execFileSync(
        'git',
        [
          '-c',
          'user.name=bench',
          '-c',
          'user.email=bench@example.com',
          '-c',
          'commit.gpgsign=false',
          ...args,
        ],
        { cwd: dir, stdio: 'pipe' },
      ),
    );
  const existingServices = topologyServices(dir);
  const copy: Copy = {
    dir,
    existingServices,
    firstIndex: firstFreeIndex(existingServices),
    git,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  git('init', '-q', '-b', 'main');
  commitAll(copy, 'repository copy');
  return copy;
}

interface ProfileEvent {
  ph: string;
  dur: number;
  args: { target: { project: string; target: string }; status: string };
}

async function measure(label: string, revision: string) {
  const commit =
    revision === 'WORKTREE'
      ? 'worktree'
      : String(execFileSync('git', ['rev-parse', '--short', revision], { cwd: root })).trim();
  const copy = copyAt(revision);
  const specs = Array.from({ length: SERVICES }, (_, i) => specOf(copy, i));
  await generateInProcess(copy, specs);
  const projects = new Set(specs.flatMap((s) => [s.name, `${s.name}-stack`]));
  commitAll(copy, `${SERVICES} generated services`);
  const profileFile = 'tmp/task-cost-profile.json';
  const loadBefore = loadavg()[0]!;
  const run = await nx(
    copy,
    ['run-many', '-t', ...TARGETS, '--skip-nx-cache', '-p', [...projects].join(',')],
    {
      env: { NX_PROFILE: profileFile },
      allowFailure: true,
    },
  );
  const profile = (JSON.parse(readFileSync(join(copy.dir, profileFile), 'utf8')) as ProfileEvent[]).filter(
    (e) => e.ph === 'X',
  );
  const tasks = profile.map((e) => ({
    project: e.args.target.project,
    target: e.args.target.target,
    seconds: e.dur / 1e6,
    status: e.args.status,
  }));
  const generated = (t: { project: string }) => projects.has(t.project);
  const byKind: Record<string, number> = {};
  for (const t of tasks.filter(generated)) {
    const kind = `${t.project.endsWith('-stack') ? 'stack' : 'app'}:${t.target}`;
    byKind[kind] = (byKind[kind] ?? 0) + t.seconds / SERVICES;
  }
  const perService = Object.values(byKind).reduce((a, b) => a + b, 0);
  const shared = tasks.filter((t) => !generated(t));
  const result = {
    label,
    revision,
    commit,
    dir: copy.dir,
    wallMs: run.wallMs,
    code: run.code,
    loadBefore,
    loadAfter: loadavg()[0]!,
    perService,
    byKind,
    shared,
    failed: tasks.filter((t) => t.status === 'failure').map((t) => `${t.project}:${t.target}`),
    outputTail: run.code === 0 ? undefined : run.stdout.slice(-6000),
  };
  if (!process.argv.includes('--keep')) copy.remove();
  console.log(
    `${label} (${commit}): ${perService.toFixed(1)} s of tasks per service, wall ${(run.wallMs / 1000).toFixed(0)} s, ` +
      `load ${loadBefore.toFixed(1)}→${result.loadAfter.toFixed(1)}, failed ${result.failed.length}`,
  );
  for (const [kind, s] of Object.entries(byKind).sort())
    console.log(`  ${kind.padEnd(16)} ${s.toFixed(2)} s`);
  for (const t of shared) console.log(`  (shared) ${t.project}:${t.target} ${t.seconds.toFixed(1)} s`);
  if (result.failed.length) console.log(result.outputTail);
  return result;
}

const KINDS: readonly [string, string][] = [
  ['app:typecheck', 'app typecheck'],
  ['stack:typecheck', 'stack typecheck'],
  ['app:lint', 'app lint'],
  ['stack:lint', 'stack lint'],
  ['app:test', 'app test'],
  ['stack:test', 'stack test'],
  ['app:build', "app build (the stack test's dependency)"],
];
type Run = Awaited<ReturnType<typeof measure>>;
const round2 = (x: number) => Math.round(x * 100) / 100;
const round1 = (x: number) => Math.round(x * 10) / 10;
const sharedSeconds = (run: Run) => run.shared.reduce((a, t) => a + t.seconds, 0);
/** Everything the run used, per service: its wall time on Nx's 2 parallel slots, shared tasks and start-up included. */
const slotSeconds = (run: Run) => (PARALLEL * run.wallMs) / 1000 / SERVICES;

function tables(runs: readonly Run[]): Record<string, Table> {
  const labels = Object.entries(CONFIGS)
    .filter(([, r]) => r !== 'none')
    .map(([label]) => label);
  const of = (label: string) => runs.filter((r) => r.label === label);
  const med = (label: string, pick: (r: Run) => number) => round2(median(of(label).map(pick)));
  const row = (name: string, pick: (r: Run) => number): Cell[] => {
    const values = labels.map((l) => med(l, pick));
    const ratio =
      labels.length === 2 && values[0]! > 0
        ? [`×${(values[1]! / values[0]!).toFixed(2)}`]
        : labels.length === 2
          ? ['']
          : [];
    return [name, ...values, ...ratio];
  };
  const head = labels.map((l) => `${l} s (${of(l)[0]!.commit})`);
  const perService: Table = {
    columns: ['task of a generated service', ...head, ...(labels.length === 2 ? ['new ÷ old'] : [])],
    rows: [
      ...KINDS.map(([kind, name]) => row(name, (r) => r.byKind[kind] ?? 0)),
      row("**a service's tasks** (target ≤ 10 s)", (r) => r.perService),
      row('shared tasks the run needed once, ÷ N', (r) => sharedSeconds(r) / SERVICES),
      row('2 slots × wall time of the run ÷ N (all included)', slotSeconds),
    ],
  };
  const runTable: Table = {
    columns: [
      'run',
      'configuration',
      'commit',
      'wall s',
      "a service's tasks s",
      'shared tasks s',
      '2 × wall ÷ N s',
      'load before → after',
      'failed tasks',
    ],
    rows: runs.map((r, i) => [
      i + 1,
      r.label,
      r.commit,
      round1(r.wallMs / 1000),
      round2(r.perService),
      round1(sharedSeconds(r)),
      round2(slotSeconds(r)),
      `${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)}`,
      r.failed.length ? r.failed.join(', ') : 'none',
    ]),
  };
  return { 'per-service': perService, runs: runTable };
}

async function main() {
  const report = option('report', '');
  const runs: Run[] = report ? (JSON.parse(readFileSync(report, 'utf8')) as { runs: Run[] }).runs : [];
  for (let round = 0; round < (report ? 0 : ROUNDS); round++) {
    for (const [label, revision] of Object.entries(CONFIGS).filter(([, r]) => r !== 'none')) {
      runs.push(await measure(label, revision));
    }
  }
  const raw = report || option('json', join(root, 'tmp', 'task-cost-results.json'));
  mkdirSync(dirname(raw), { recursive: true });
  if (!report) writeFileSync(raw, JSON.stringify({ services: SERVICES, runs }, null, 1));
  const file = await writeResult('task-cost', 'npm run bench:task-cost', tables(runs));
  await renderDocs(docsFile(), resultsDir());
  console.log(`raw results in ${raw}; tables in ${file} and ${docsFile()}`);
  const failed = runs.flatMap((r) => r.failed);
  if (failed.length) {
    console.error(`Tasks failed, so their times are not those of a passing run: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
