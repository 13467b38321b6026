/**
 * The shard planner of CI: splits the affected tasks of a pull request into K balanced shards, one
 * GitHub Actions runner each, so that a change to a shared package (which affects every service) does
 * not run on one 2-core runner.
 *
 * - Tasks move in groups: a task and the tasks of other projects it depends on (a stack's synth needs
 *   its app's build) share a shard, so each shard runs `nx run-many -p <its projects>` and no task runs
 *   in two shards. Dependencies on a repeatable target (`typecheck`: `tsc -b` rebuilds the project
 *   references it needs itself) do not join groups: joined by them, a change to a shared package would
 *   put every service in one shard. A shard runs such a prerequisite again where it needs it.
 * - Only the affected projects are placed: a project whose tasks are all prerequisites of other
 *   tasks (a package's `typecheck` that Nx adds for `^typecheck`) runs where it is needed.
 * - Groups are placed longest first on the least loaded shard (LPT), with ties broken by name: the same
 *   input always gives the same plan.
 * - A task's cost is its measured duration from earlier runs, else the estimate for its target.
 * - K is the smallest number of shards whose average load is at most `targetSeconds`, capped by
 *   `maxShards` and by the number of groups: a change to one service runs in one job.
 */

export interface Task {
  /** `project:target`, as Nx names tasks. */
  readonly id: string;
  readonly project: string;
  readonly target: string;
  /** Ids of the tasks it needs first. */
  readonly dependsOn?: readonly string[];
}

export interface ShardOptions {
  /** The most runners a run may use. */
  readonly maxShards: number;
  /** Task seconds one shard should hold before another shard is worth its setup. @default 300 */
  readonly targetSeconds?: number;
  /** Measured seconds by task id, from earlier runs. */
  readonly durations?: Readonly<Record<string, number>>;
  /** Seconds by target when a task was never measured. @default DEFAULT_ESTIMATES */
  readonly estimates?: Readonly<Record<string, number>>;
}

export interface Shard {
  readonly projects: readonly string[];
  readonly tasks: readonly string[];
  /** Estimated task seconds. */
  readonly seconds: number;
}

export interface ShardPlan {
  readonly shards: readonly Shard[];
  /** Sum of all task seconds. */
  readonly totalSeconds: number;
}

/** Seconds per task by target, measured on a 2-core runner (docs/performance.md, "Scale"). */
export const DEFAULT_ESTIMATES: Readonly<Record<string, number>> = {
  lint: 6,
  typecheck: 7,
  test: 12,
  build: 3,
  synth: 4,
  validate: 8,
};
const UNKNOWN_TARGET_SECONDS = 10;

/** Targets whose tasks a shard runs again itself rather than wait for another shard (see above). */
export const REPEATABLE_TARGETS: readonly string[] = ['typecheck'];

export class ShardPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardPlanError';
  }
}

export function planShards(allTasks: readonly Task[], options: ShardOptions): ShardPlan {
  const { maxShards } = options;
  const targetSeconds = options.targetSeconds ?? 300;
  if (!Number.isInteger(maxShards) || maxShards < 1)
    throw new ShardPlanError(
      `maxShards is ${maxShards}: it must be a whole number of runners, at least 1. Set it to 1 to run everything in one job.`,
    );
  if (!(targetSeconds > 0))
    throw new ShardPlanError(
      `targetSeconds is ${targetSeconds}: it must be a positive number of seconds per shard.`,
    );
  const ids = new Set<string>();
  for (const t of allTasks) {
    if (ids.has(t.id)) throw new ShardPlanError(`task ${t.id} is listed twice: each task must appear once.`);
    ids.add(t.id);
  }

  const tasks = placedTasks(allTasks);
  const cost = (t: Task) =>
    options.durations?.[t.id] ?? (options.estimates ?? DEFAULT_ESTIMATES)[t.target] ?? UNKNOWN_TARGET_SECONDS;
  const groups = groupProjects(tasks);
  const totalSeconds = round(tasks.reduce((sum, t) => sum + cost(t), 0));
  const k = Math.max(1, Math.min(maxShards, groups.length, Math.ceil(totalSeconds / targetSeconds)));

  const units = groups
    .map((projects) => {
      const own = tasks.filter((t) => projects.includes(t.project));
      return { projects, tasks: own.map((t) => t.id), seconds: own.reduce((s, t) => s + cost(t), 0) };
    })
    .sort((a, b) => b.seconds - a.seconds || a.projects[0].localeCompare(b.projects[0]));
  const shards = Array.from({ length: k }, () => ({
    projects: [] as string[],
    tasks: [] as string[],
    seconds: 0,
  }));
  for (const unit of units) {
    const lightest = shards.reduce((best, s, i) => (s.seconds < shards[best].seconds ? i : best), 0);
    shards[lightest].projects.push(...unit.projects);
    shards[lightest].tasks.push(...unit.tasks);
    shards[lightest].seconds += unit.seconds;
  }
  return {
    shards: shards
      .filter((s) => s.tasks.length > 0)
      .map((s) => ({
        projects: [...s.projects].sort(),
        tasks: [...s.tasks].sort(),
        seconds: round(s.seconds),
      })),
    totalSeconds,
  };
}

/** The tasks of projects with at least one task no other task needs: the affected projects. */
function placedTasks(tasks: readonly Task[]): readonly Task[] {
  const needed = new Set(tasks.flatMap((t) => t.dependsOn ?? []));
  const affected = new Set(tasks.filter((t) => !needed.has(t.id)).map((t) => t.project));
  return tasks.filter((t) => affected.has(t.project));
}

/** Projects joined by a cross-project task dependency, as sorted lists (union-find). */
function groupProjects(tasks: readonly Task[]): string[][] {
  const parent = new Map<string, string>();
  const find = (p: string): string => {
    const up = parent.get(p) ?? p;
    if (up === p) return p;
    const root = find(up);
    parent.set(p, root);
    return root;
  };
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const t of tasks) {
    parent.set(t.project, find(t.project));
    for (const dep of t.dependsOn ?? []) {
      const other = byId.get(dep);
      if (!other) continue; // not affected: already built or cached elsewhere
      if (REPEATABLE_TARGETS.includes(other.target)) continue; // rebuilt where needed
      const [a, b] = [find(t.project), find(other.project)].sort();
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, string[]>();
  for (const project of parent.keys()) {
    const root = find(project);
    groups.set(root, [...(groups.get(root) ?? []), project]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0].localeCompare(b[0]));
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Nx's task graph (`nx affected -t … --graph=<file>.json`) as planner tasks. */
export function tasksFromNxGraph(graph: {
  tasks: {
    tasks: Record<string, { id: string; target: { project: string; target: string } }>;
    dependencies: Record<string, string[]>;
  };
}): Task[] {
  return Object.values(graph.tasks.tasks)
    .map((t) => ({
      id: t.id,
      project: t.target.project,
      target: t.target.target,
      dependsOn: graph.tasks.dependencies[t.id] ?? [],
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Task durations in seconds from Nx's run summaries (`<cache directory>/run.json`), newest last wins. */
export function durationsFromRuns(
  runs: readonly {
    tasks: readonly { taskId: string; startTime: string; endTime: string; cacheStatus?: string }[];
  }[],
): Record<string, number> {
  const durations: Record<string, number> = {};
  for (const run of runs) {
    for (const t of run.tasks) {
      // A cache hit says nothing about what the task costs when it runs.
      if (t.cacheStatus && t.cacheStatus !== 'cache-miss') continue;
      const seconds = (Date.parse(t.endTime) - Date.parse(t.startTime)) / 1000;
      if (Number.isFinite(seconds) && seconds >= 0) durations[t.taskId] = round(seconds);
    }
  }
  return durations;
}

/**
 * npx tsx tools/ci/shards.ts plan --graph <tasks.json> [--durations <durations.json>] --max <K> [--target <s>]
 *   prints the GitHub Actions matrix: {"include":[{"shard":1,"projects":"a b"}, ...]}
 * npx tsx tools/ci/shards.ts durations <durations.json> <run.json>...
 *   merges Nx run summaries into the durations file kept between runs
 */
async function main(argv: string[]) {
  const { readFileSync, writeFileSync, existsSync } = await import('node:fs');
  const flag = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
  if (argv[0] === 'plan') {
    const graphFile = flag('graph');
    if (!graphFile)
      throw new ShardPlanError('plan needs --graph <file> (from nx affected -t … --graph=<file>).');
    const durationsFile = flag('durations');
    const plan = planShards(tasksFromNxGraph(readJson(graphFile)), {
      maxShards: Number(flag('max') ?? 1),
      targetSeconds: flag('target') ? Number(flag('target')) : undefined,
      durations: durationsFile && existsSync(durationsFile) ? readJson(durationsFile) : undefined,
    });
    for (const [i, s] of plan.shards.entries())
      console.error(`shard ${i + 1}: ${s.tasks.length} tasks, ~${s.seconds} s: ${s.projects.join(' ')}`);
    const include = plan.shards.map((s, i) => ({ shard: i + 1, projects: s.projects.join(' ') }));
    console.log(JSON.stringify({ include }));
    return;
  }
  if (argv[0] === 'durations') {
    const [file, ...runs] = argv.slice(1);
    if (!file || runs.length === 0)
      throw new ShardPlanError('durations needs <durations.json> <run.json>...');
    const known = existsSync(file) ? (readJson(file) as Record<string, number>) : {};
    const merged = { ...known, ...durationsFromRuns(runs.filter((r) => existsSync(r)).map(readJson)) };
    writeFileSync(file, `${JSON.stringify(merged, Object.keys(merged).sort(), 2)}\n`);
    console.error(`${Object.keys(merged).length} task durations in ${file}`);
    return;
  }
  throw new ShardPlanError(
    'usage: shards.ts plan --graph <file> --max <K> | shards.ts durations <file> <run.json>...',
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
