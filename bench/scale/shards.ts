// Sharded CI at scale: after a change to a shared package, the affected tasks are planned into shards by the
// real planner (tools/ci/shards.ts, through its CLI as the workflow runs it), the shards run one after the
// other with the workflow's command, and every task's measured duration is kept. The union of the shards
// must be exactly the affected task set. The measured durations then feed the planner for K = 1, 4, 8, 16
// runners, at the measured size and, with durations per kind of task, at a larger one.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured } from '../lib/procTree';
import type { Table } from '../lib/results';
import { median } from '../lib/stats';
import { commitAll, type Copy, nx } from './workspace';
import { loadByPath } from '../lib/load';

type Planner = typeof import('../../tools/ci/shards');
type Task = import('../../tools/ci/shards').Task;

/** The targets of the workflow's plan and shard jobs (.github/workflows/ci.yml). */
export const CI_TARGETS = ['lint', 'typecheck', 'test', 'build', 'synth', 'validate'];
/** Where the copy keeps the benchmark's files: relative to its root, as Nx resolves NX_PROFILE and --graph. */
const SCRATCH = 'tmp/bench-scale';

export interface MeasuredTask {
  readonly id: string;
  readonly project: string;
  readonly target: string;
  readonly seconds: number;
  readonly status: string;
}

export interface UnionCheck {
  /** Affected tasks that no shard ran. */
  readonly missing: string[];
  /** Tasks a shard ran that are not affected. */
  readonly extra: string[];
  /** Tasks that ran in more than one shard. */
  readonly twice: string[];
  /**
   * Prerequisites of a repeatable target (tools/ci/shards.ts REPEATABLE_TARGETS: typecheck) that a shard ran
   * for its own tasks: a package's typecheck outside the affected projects, or an affected one again.
   */
  readonly repeated: string[];
}

/**
 * Compares what the shards ran with the affected task set: exact when missing, extra and twice are empty.
 * Tasks of a repeatable target are prerequisites a shard may run again (`repeated`), never extra or twice.
 */
export function checkUnion(
  affected: readonly string[],
  shards: readonly (readonly string[])[],
  repeatable: readonly string[] = ['typecheck'],
): UnionCheck {
  const ran = new Map<string, number>();
  for (const shard of shards) for (const id of new Set(shard)) ran.set(id, (ran.get(id) ?? 0) + 1);
  const expected = new Set(affected);
  const isRepeatable = (id: string) => repeatable.includes(id.slice(id.lastIndexOf(':') + 1));
  return {
    missing: [...expected].filter((id) => !ran.has(id)).sort(),
    extra: [...ran.keys()].filter((id) => !expected.has(id) && !isRepeatable(id)).sort(),
    twice: [...ran.entries()]
      .filter(([id, n]) => n > 1 && !isRepeatable(id))
      .map(([id]) => id)
      .sort(),
    repeated: [...ran.entries()]
      .filter(([id, n]) => isRepeatable(id) && (n > 1 || !expected.has(id)))
      .map(([id]) => id)
      .sort(),
  };
}

/** The affected projects' tasks: those of projects with a task that no other task needs (as the planner). */
export function affectedTasks(tasks: readonly Task[]): string[] {
  const needed = new Set(tasks.flatMap((t) => t.dependsOn ?? []));
  const projects = new Set(tasks.filter((t) => !needed.has(t.id)).map((t) => t.project));
  return tasks.filter((t) => projects.has(t.project)).map((t) => t.id);
}

/** The planner of the copy (tools/ci/shards.ts), loaded by path: bench imports no project's source. */
export const loadPlanner = (dir: string): Planner =>
  loadByPath<Planner>(join(dir, 'tools', 'ci', 'shards.ts'));

interface NxGraphFile {
  tasks: {
    tasks: Record<string, { id: string; target: { project: string; target: string } }>;
    dependencies: Record<string, string[]>;
  };
}

/** Tasks of an Nx profile (NX_PROFILE): one complete event per task that ran. */
export function tasksOfProfile(events: readonly ProfileEvent[]): MeasuredTask[] {
  return events
    .filter((e) => e.ph === 'X' && e.args?.target)
    .map((e) => ({
      id: e.name,
      project: e.args!.target!.project,
      target: e.args!.target!.target,
      seconds: e.dur / 1e6,
      status: e.args!.status ?? 'unknown',
    }));
}

export interface ProfileEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur: number;
  readonly args?: { target?: { project: string; target: string }; status?: string };
}

/** Appends a comment to `file` and commits it: the change whose affected tasks are run. */
export function commitChange(copy: Copy, file: string): void {
  appendFileSync(join(copy.dir, file), '\n// changed by bench/scale (shards)\n');
  commitAll(copy, `change ${file}`);
}

/** `nx affected -t <CI targets>` of the last commit, as the plan job computes it: the tasks and their edges. */
export async function affectedGraph(copy: Copy): Promise<{ tasks: Task[]; planMs: number }> {
  const file = `${SCRATCH}/affected-tasks.json`;
  const run = await nx(copy, [
    'affected',
    '-t',
    ...CI_TARGETS,
    '--base=HEAD~1',
    '--head=HEAD',
    `--graph=${file}`,
  ]);
  const graph = JSON.parse(readFileSync(join(copy.dir, file), 'utf8')) as NxGraphFile;
  return { tasks: loadPlanner(copy.dir).tasksFromNxGraph(graph), planMs: run.wallMs };
}

/**
 * Runs tasks of the copy for real, without the Nx cache, each alone under NX_PROFILE: the durations at this
 * size of tasks whose cost grows with the repository (bench:test copies and synthesizes all of it).
 */
export async function measureTasks(copy: Copy, ids: readonly string[]): Promise<MeasuredTask[]> {
  const measured: MeasuredTask[] = [];
  for (const id of ids) {
    const profile = `${SCRATCH}/task-${id.replace(/\W/g, '-')}-profile.json`;
    rmSync(join(copy.dir, profile), { force: true });
    await nx(copy, ['run', id, '--skip-nx-cache', '--excludeTaskDependencies'], {
      env: { NX_PROFILE: profile, NX_SKIP_NX_CACHE: 'true' },
      allowFailure: true,
    });
    const events = JSON.parse(readFileSync(join(copy.dir, profile), 'utf8')) as ProfileEvent[];
    measured.push(...tasksOfProfile(events).filter((t) => t.id === id));
  }
  return measured;
}

export interface ShardRun {
  readonly shard: number;
  readonly projects: string[];
  readonly wallMs: number;
  readonly code: number | null;
  readonly tasks: MeasuredTask[];
  /** The end of the command's output when it failed: which task, and why. */
  readonly outputTail?: string;
}

export interface ShardedRun {
  readonly affected: string[];
  readonly planMs: number;
  readonly matrix: { include: { shard: number; projects: string }[] };
  readonly shards: ShardRun[];
  readonly union: UnionCheck;
}

/**
 * The workflow's commands at this size: the affected graph, `tsx tools/ci/shards.ts plan … --max <max>`
 * (the plan job), then each shard's `nx run-many -t <CI targets> -p <its projects>` (the matrix job), one
 * after the other, without the Nx cache so that every task runs and is timed.
 */
export async function runShards(copy: Copy, { max }: { max: number }): Promise<ShardedRun> {
  const { tasks, planMs } = await affectedGraph(copy);
  const plan = await runMeasured(
    join(copy.dir, 'node_modules', '.bin', 'tsx'),
    ['tools/ci/shards.ts', 'plan', '--graph', `${SCRATCH}/affected-tasks.json`, '--max', String(max)],
    { cwd: copy.dir, env: process.env },
  );
  const matrix = JSON.parse(plan.stdout) as ShardedRun['matrix'];
  const shards: ShardRun[] = [];
  for (const { shard, projects } of matrix.include) {
    const profile = `${SCRATCH}/shard-${shard}-profile.json`;
    rmSync(join(copy.dir, profile), { force: true });
    // The projects as separate words, as the workflow's unquoted `-p ${{ matrix.projects }}` gives them.
    const run = await nx(
      copy,
      ['run-many', '-t', ...CI_TARGETS, '--skip-nx-cache', '-p', ...projects.split(' ')],
      {
        env: { NX_PROFILE: profile, NX_SKIP_NX_CACHE: 'true' },
        allowFailure: true,
      },
    );
    const events = JSON.parse(readFileSync(join(copy.dir, profile), 'utf8')) as ProfileEvent[];
    shards.push({
      shard,
      projects: projects.split(' '),
      wallMs: run.wallMs,
      code: run.code,
      tasks: tasksOfProfile(events),
      outputTail: run.code === 0 ? undefined : run.stdout.slice(-8000),
    });
  }
  const affected = affectedTasks(tasks);
  return {
    affected,
    planMs,
    matrix,
    shards,
    union: checkUnion(
      affected,
      shards.map((s) => s.tasks.map((t) => t.id)),
    ),
  };
}

/** Generated projects (`svc-000`, `svc-000-stack`) by kind: one duration per kind and target. */
export const kindOf = (task: Pick<Task, 'project' | 'target'>): string | undefined => {
  const match = /^svc-\d{3}(-stack)?$/.exec(task.project);
  return match ? `${match[1] ? 'generated stack' : 'generated app'}:${task.target}` : undefined;
};

/** Median measured seconds per kind of generated task. */
export function durationsByKind(measured: readonly MeasuredTask[]): Record<string, number> {
  const byKind = new Map<string, number[]>();
  for (const t of measured) {
    const kind = kindOf(t);
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), t.seconds]);
  }
  return Object.fromEntries([...byKind.entries()].sort().map(([kind, xs]) => [kind, round1(median(xs))]));
}

/** Seconds per kind of generated task at the measured size: what N = 100 is extrapolated from. */
export function kindTable(measured: readonly MeasuredTask[]): Table {
  const medians = durationsByKind(measured);
  return {
    columns: ['kind of task', 'tasks measured', 'median s', 'min–max s'],
    align: ['left', 'right', 'right', 'right'],
    rows: Object.entries(medians).map(([kind, med]) => {
      const xs = measured.filter((t) => kindOf(t) === kind).map((t) => t.seconds);
      return [kind, xs.length, med, `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`];
    }),
  };
}

export interface Extrapolated {
  readonly durations: Record<string, number>;
  /** Tasks whose duration was measured at the smaller size (same id). */
  readonly measured: number;
  /** Tasks of generated projects, given their kind's median. */
  readonly byKind: number;
  /** Tasks neither measured nor generated: left to the planner's estimate. */
  readonly estimated: string[];
}

/**
 * Durations for a larger task graph: a task measured at the smaller size keeps its duration; a task of a
 * generated project gets the median of its kind; anything else is left to the planner's estimate.
 */
export function extrapolate(tasks: readonly Task[], measured: readonly MeasuredTask[]): Extrapolated {
  const own = new Map(measured.map((t) => [t.id, t.seconds]));
  const kinds = durationsByKind(measured);
  const durations: Record<string, number> = {};
  let direct = 0;
  let byKind = 0;
  const estimated: string[] = [];
  for (const t of tasks) {
    const kind = kindOf(t);
    if (kind && kinds[kind] !== undefined) {
      durations[t.id] = kinds[kind];
      byKind++;
    } else if (own.has(t.id)) {
      durations[t.id] = round1(own.get(t.id)!);
      direct++;
    } else estimated.push(t.id);
  }
  return { durations, measured: direct, byKind, estimated };
}

export interface Simulated {
  readonly runners: number;
  readonly shards: number;
  readonly totalSeconds: number;
  readonly longestShardSeconds: number;
  /** Longest shard's wall on one runner: its task seconds over the runner's parallel slots, at least its longest task. */
  readonly longestShardWallSeconds: number;
  readonly setupSeconds: number;
  readonly wallSeconds: number;
}

/**
 * The planner at exactly K runners (a target of 1 s per shard, so that K is not lowered for lack of work)
 * and the wall time of the slowest job: the fixed per-job setup plus its shard's tasks on `parallel` slots.
 */
export function simulate(
  planner: Planner,
  tasks: readonly Task[],
  durations: Readonly<Record<string, number>>,
  { runners, setupSeconds, parallel }: { runners: number; setupSeconds: number; parallel: number },
): Simulated {
  const plan = planner.planShards(tasks, { maxShards: runners, targetSeconds: 1, durations });
  const cost = (id: string) => durations[id] ?? 0;
  const walls = plan.shards.map((s) => Math.max(s.seconds / parallel, ...s.tasks.map(cost)));
  const longest = Math.max(...plan.shards.map((s) => s.seconds));
  const wall = Math.max(...walls);
  return {
    runners,
    shards: plan.shards.length,
    totalSeconds: plan.totalSeconds,
    longestShardSeconds: longest,
    longestShardWallSeconds: round1(wall),
    setupSeconds: round1(setupSeconds),
    wallSeconds: round1(setupSeconds + wall),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
