// `nx affected` after a commit that changes one generated service's file: which tasks it plans against the
// full run, the real run, and re-runs with the Nx cache warm. Also the full test run (`npm test`) with a
// per-task profile, from which each project's cost is read.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Stats, stats } from '../lib/stats';
import { type MeasuredTask, type ProfileEvent, tasksOfProfile } from './shards';
import { commitAll, type Copy, nx } from './workspace';

const TARGETS = ['lint', 'typecheck', 'test', 'build', 'synth'];
const scratch = 'tmp/bench-scale'; // relative to the copy: NX_PROFILE and --graph are resolved from its root

const cacheLine = (stdout: string): [number, number] => {
  const m = /Cache:\s+(\d+)\/(\d+) hit/.exec(stdout);
  return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
};

/** The tasks Nx would run for `args` (from its --graph JSON file), without running them. */
async function plannedTasks(copy: Copy, args: string[]) {
  const file = `${scratch}/graph.json`;
  const run = await nx(copy, [...args, `--graph=${file}`]);
  const graph = JSON.parse(readFileSync(join(copy.dir, file), 'utf8')) as {
    tasks: { tasks: Record<string, unknown> };
    graph: { nodes: Record<string, unknown> };
  };
  return {
    tasks: Object.keys(graph.tasks.tasks).sort(),
    projects: Object.keys(graph.graph.nodes).length,
    wallMs: run.wallMs,
  };
}

export interface AffectedResult {
  readonly service: string;
  readonly file: string;
  readonly projects: number;
  readonly tasks: string[];
  readonly others: string[];
  readonly fullTasks: number;
  readonly planMs: number;
  readonly cold: { wallMs: number; code: number | null; hits: number; tasks: number };
  readonly warm: { wall: Stats; hits: number; tasks: number; code: number | null };
}

export async function measureAffected(
  copy: Copy,
  { service, file, runs }: { service: string; file: string; runs: number },
): Promise<AffectedResult> {
  appendFileSync(join(copy.dir, file), '\n// changed by bench/scale.ts\n');
  commitAll(copy, `change ${file}`);
  const range = ['--base=HEAD~1', '--head=HEAD'];
  const affected = await plannedTasks(copy, ['affected', '-t', ...TARGETS, ...range]);
  const full = await plannedTasks(copy, ['run-many', '-t', ...TARGETS]);
  const expected = new Set([service, `${service}-stack`]);
  const others = affected.tasks.filter((t) => !expected.has(t.slice(0, t.lastIndexOf(':'))));

  const cold = await nx(copy, ['affected', '-t', ...TARGETS, ...range], { allowFailure: true });
  const [coldHits, coldTasks] = cacheLine(cold.stdout);
  const warm = [];
  for (let i = 0; i < runs; i++) {
    warm.push(await nx(copy, ['affected', '-t', ...TARGETS, ...range], { allowFailure: true }));
  }
  const [warmHits, warmTasks] = cacheLine(warm[0]!.stdout);
  return {
    service,
    file,
    projects: full.projects,
    tasks: affected.tasks,
    others,
    fullTasks: full.tasks.length,
    planMs: affected.wallMs,
    cold: { wallMs: cold.wallMs, code: cold.code, hits: coldHits, tasks: coldTasks },
    warm: { wall: stats(warm.map((r) => r.wallMs)), hits: warmHits, tasks: warmTasks, code: warm[0]!.code },
  };
}

export interface TestsResult {
  readonly wallMs: number;
  readonly testsMs: number;
  readonly synthMs: number;
  readonly peakRssMiB: number;
  readonly code: number | null;
  readonly tasks: MeasuredTask[];
  readonly failed: string[];
  readonly outputTail?: string;
}

/**
 * `npm test` (`nx run-many -t lint typecheck test`, then `nx run stacks:synth`) with no cache, once, and the
 * per-task durations of Nx's profile (NX_PROFILE).
 */
export async function measureTests(copy: Copy): Promise<TestsResult> {
  const profileFile = `${scratch}/test-profile.json`;
  rmSync(join(copy.dir, profileFile), { force: true });
  const tests = await nx(copy, ['run-many', '-t', 'lint', 'typecheck', 'test', '--skip-nx-cache'], {
    env: { NX_PROFILE: profileFile },
    allowFailure: true,
  });
  const synth = await nx(copy, ['run', 'stacks:synth']);
  const tasks = tasksOfProfile(
    JSON.parse(readFileSync(join(copy.dir, profileFile), 'utf8')) as ProfileEvent[],
  );
  return {
    wallMs: tests.wallMs + synth.wallMs,
    testsMs: tests.wallMs,
    synthMs: synth.wallMs,
    peakRssMiB: Math.max(tests.peakRssMiB, synth.peakRssMiB),
    code: tests.code,
    tasks,
    failed: tasks.filter((t) => t.status === 'failure').map((t) => t.id),
    // For the results file only: why tasks failed.
    outputTail: tests.code === 0 ? undefined : tests.stdout.slice(-20000),
  };
}
