// Sharded CI at scale (issue 19): in a copy of the repository with N generated services, a change to a
// shared package, the workflow's plan and shard commands run for real (shards one after the other), every
// task timed. Checks that the shards' union is exactly the affected task set (exit code 1 when not), then
// feeds the measured durations to the planner for K runners, at N and, by kind of task, at a larger size.
// Writes bench/results/shards.json and fills docs/performance.md.
//
//   npm run bench:shards                       N = 10 measured, N = 100 simulated (about 30 min on 2 cores)
//   options: --size=10 --simulate=100 --max=8 --runners=1,4,8,16 --change=<file> --keep
//   BENCH_SMOKE=1: N = 1, a change to the generated service only, nothing simulated beyond N, no npm ci
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocs } from './lib/render';
import { docsFile, resultsDir, smoke, type Table, workspaceRoot, writeResult } from './lib/results';
import { measureNpmCi, measureNxStart } from './scale/setup';
import {
  affectedGraph,
  kindTable,
  commitChange,
  extrapolate,
  loadPlanner,
  type MeasuredTask,
  measureTasks,
  runShards,
  simulate,
} from './scale/shards';
import { commitAll, createCopy, generateInProcess, specOf } from './scale/workspace';

/** A file every app imports (through its handlers): a change here affects every service and its stack. */
const SHARED_FILE = 'packages/lambda/src/index.ts';
/** The smoke run's change: the first generated service's own file, so that only its 9 tasks run. */
const smokeFile = (service: string) => `apps/${service}/src/domain/handle-request.ts`;
/**
 * Tasks whose cost grows with the repository, run for real at the larger size instead of taking their
 * duration at N: bench's smoke tests copy the repository and synthesize all of its stacks.
 */
const MEASURED_AT_LARGER = ['bench:test'];
/** Tasks at once on a runner: nx.json `parallel`, and the 2 cores of a GitHub-hosted runner. */
const PARALLEL = 2;

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const positiveInt = (name: string, fallback: number) => {
  const raw = option(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(
      `--${name}=${raw}: it must be a whole number of services or runners, e.g. --${name}=${fallback}.`,
    );
  return value;
};

const s = (ms: number) => Math.round(ms / 100) / 10;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main() {
  const size = positiveInt('size', smoke() ? 1 : 10);
  const larger = positiveInt('simulate', smoke() ? 0 : 100);
  const max = positiveInt('max', 8);
  const runners = (option('runners') ?? '1,4,8,16').split(',').map(Number);
  const planner = loadPlanner(workspaceRoot);

  const npmCiMs = smoke() ? 0 : await measureNpmCi(workspaceRoot);
  log(`npm ci in a fresh folder: ${s(npmCiMs)} s`);
  const copy = createCopy('bench-shards-');
  log(`copy in ${copy.dir}`);
  const change = option('change') ?? (smoke() ? smokeFile(specOf(copy, 0).name) : SHARED_FILE);
  try {
    await generateInProcess(
      copy,
      Array.from({ length: size }, (_, i) => specOf(copy, i)),
    );
    commitAll(copy, `${size} generated services`);
    const nxStartMs = await measureNxStart(copy);
    log(`N = ${size}: generated; Nx start-up ${s(nxStartMs)} s`);

    commitChange(copy, change);
    const run = await runShards(copy, { max });
    const measured: MeasuredTask[] = run.shards.flatMap((sh) => sh.tasks);
    const ok = run.union.missing.length + run.union.extra.length + run.union.twice.length === 0;
    log(
      `N = ${size}: ${run.affected.length} affected tasks in ${run.shards.length} shards; union exact: ${ok}`,
    );
    for (const sh of run.shards.filter((x) => x.code !== 0))
      log(`shard ${sh.shard} exited with ${sh.code}; the end of its output:\n${sh.outputTail}`);
    writeFileSync(join(copy.dir, 'tmp', 'bench-scale', 'shards-run.json'), JSON.stringify(run, null, 1));

    const setupAt = (startMs: number) => (npmCiMs + startMs) / 1000;
    const graph = await affectedGraph(copy); // the same change: the plan job's graph, with its edges
    const durations = Object.fromEntries(measured.map((t) => [t.id, t.seconds]));
    const simulatedAt = (tasks: typeof graph.tasks, d: Record<string, number>, startMs: number) =>
      runners.map((k) =>
        simulate(planner, tasks, d, { runners: k, setupSeconds: setupAt(startMs), parallel: PARALLEL }),
      );
    const atSize = simulatedAt(graph.tasks, durations, nxStartMs);

    let atLarger: ReturnType<typeof simulatedAt> = [];
    let remeasured: MeasuredTask[] = [];
    let largerFacts:
      { tasks: number; byKind: number; measured: number; estimated: string[]; nxStartMs: number } | undefined;
    if (larger > size) {
      await generateInProcess(
        copy,
        Array.from({ length: larger - size }, (_, i) => specOf(copy, size + i)),
      );
      commitAll(copy, `${larger} generated services`);
      const start = await measureNxStart(copy);
      commitChange(copy, change);
      const big = await affectedGraph(copy);
      const ex = extrapolate(big.tasks, measured);
      const ids = new Set(big.tasks.map((t) => t.id));
      remeasured = await measureTasks(
        copy,
        MEASURED_AT_LARGER.filter((id) => ids.has(id)),
      );
      for (const t of remeasured) ex.durations[t.id] = Math.round(t.seconds * 10) / 10;
      log(
        `N = ${larger}: measured ${remeasured.map((t) => `${t.id} ${t.seconds.toFixed(0)} s (${t.status})`).join(', ')}`,
      );
      atLarger = simulatedAt(big.tasks, ex.durations, start);
      largerFacts = {
        tasks: big.tasks.length,
        byKind: ex.byKind,
        measured: ex.measured,
        estimated: ex.estimated,
        nxStartMs: start,
      };
      log(`N = ${larger}: ${big.tasks.length} affected tasks simulated; Nx start-up ${s(start)} s`);
    }

    const byShard: Table = {
      columns: [
        'shard',
        'projects',
        'tasks',
        'task seconds',
        'predicted wall s',
        'measured wall s',
        'exit code',
        'failed tasks',
      ],
      rows: run.shards.map((sh) => {
        const sum = sh.tasks.reduce((a, t) => a + t.seconds, 0);
        const longest = Math.max(0, ...sh.tasks.map((t) => t.seconds));
        return [
          sh.shard,
          sh.projects.length,
          sh.tasks.length,
          Math.round(sum),
          Math.round(Math.max(sum / PARALLEL, longest)),
          Math.round(sh.wallMs / 1000),
          sh.code ?? 'killed',
          sh.tasks
            .filter((t) => t.status === 'failure')
            .map((t) => `\`${t.id}\``)
            .join(', ') || 'none',
        ];
      }),
    };
    const union: Table = {
      columns: [
        'N',
        'affected tasks',
        'shards',
        'tasks run',
        'missed',
        'not affected but run',
        'run twice',
        'typecheck prerequisites',
      ],
      rows: [
        [
          size,
          run.affected.length,
          run.shards.length,
          measured.length,
          run.union.missing.length,
          run.union.extra.length,
          run.union.twice.length,
          run.union.repeated.length,
        ],
      ],
    };
    const simRow = (n: number, kind: string) => (x: (typeof atSize)[number]) => [
      n,
      kind,
      x.runners,
      x.shards,
      Math.round(x.totalSeconds),
      Math.round(x.longestShardWallSeconds),
      Math.round(x.setupSeconds),
      `${(x.wallSeconds / 60).toFixed(1)} min`,
    ];
    const simulation: Table = {
      columns: [
        'N',
        'durations',
        'runners (K)',
        'shards',
        'task seconds',
        'longest shard wall s',
        'setup s',
        'wall',
      ],
      rows: [
        ...atSize.map(simRow(size, 'measured')),
        ...atLarger.map(
          simRow(
            larger,
            `extrapolated (${largerFacts?.byKind} of ${largerFacts?.tasks} by kind)` +
              remeasured.map((t) => `; ${t.id} measured at N = ${larger}`).join(''),
          ),
        ),
      ],
    };
    const setup: Table = {
      columns: ['step', 'seconds'],
      rows: [
        ['`npm ci` in a fresh folder (npm cache warm)', s(npmCiMs)],
        [`Nx start-up, no graph cached, N = ${size}`, s(nxStartMs)],
        ...(largerFacts ? [[`Nx start-up, no graph cached, N = ${larger}`, s(largerFacts.nxStartMs)]] : []),
      ],
    };
    await writeResult('shards', 'npm run bench:shards', {
      union,
      'by-shard': byShard,
      'by-kind': kindTable(measured),
      setup,
      simulation,
    });
    await renderDocs(docsFile(), resultsDir());
    log(`wrote ${join(resultsDir(), 'shards.json')} and ${docsFile()}`);
    if (!ok) {
      console.error(`The shards' union is not the affected task set: ${JSON.stringify(run.union)}`);
      process.exitCode = 1;
    }
  } finally {
    if (process.argv.includes('--keep')) log(`kept ${copy.dir}`);
    else copy.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
