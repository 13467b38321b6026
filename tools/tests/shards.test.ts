import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { durationsFromRuns, planShards, ShardPlanError, type Task, tasksFromNxGraph } from '../ci/shards';

const root = join(__dirname, '..', '..');

/** A service app and its stack, as Nx plans them: the stack's synth and tests need the app's build. */
function service(name: string): Task[] {
  return [
    { id: `${name}:lint`, project: name, target: 'lint' },
    { id: `${name}:test`, project: name, target: 'test' },
    { id: `${name}:build`, project: name, target: 'build' },
    { id: `${name}-stack:test`, project: `${name}-stack`, target: 'test', dependsOn: [`${name}:build`] },
    { id: `${name}-stack:synth`, project: `${name}-stack`, target: 'synth', dependsOn: [`${name}:build`] },
  ];
}

describe('planShards', () => {
  it('keeps a one-service change in one job', () => {
    const plan = planShards(service('orders'), { maxShards: 8, targetSeconds: 10 });
    expect(plan.shards).toEqual([
      {
        projects: ['orders', 'orders-stack'],
        tasks: ['orders-stack:synth', 'orders-stack:test', 'orders:build', 'orders:lint', 'orders:test'],
        seconds: 37,
      },
    ]);
  });

  it('balances groups by measured durations, longest first, every task in exactly one shard', () => {
    const tasks = ['a', 'b', 'c', 'd', 'e'].flatMap(service);
    const durations = { 'a:test': 100, 'b:test': 60, 'c:test': 50, 'd:test': 40, 'e:test': 10 };
    const plan = planShards(tasks, { maxShards: 2, targetSeconds: 60, durations });

    expect(plan.shards.map((s) => [s.projects, s.seconds])).toEqual([
      // a 125, b 85, c 75, d 65, e 35 (test measured + 25 s estimated): a | b, c | d, e
      [['a', 'a-stack', 'd', 'd-stack'], 190],
      [['b', 'b-stack', 'c', 'c-stack', 'e', 'e-stack'], 195],
    ]);
    const all = plan.shards.flatMap((s) => s.tasks).sort();
    expect(all).toEqual(tasks.map((t) => t.id).sort());
    expect(plan.totalSeconds).toBe(385);
  });

  it('grows K with the work, up to the maximum', () => {
    const tasks = Array.from({ length: 20 }, (_, i) => `svc-${String(i).padStart(2, '0')}`).flatMap(service);
    // 20 services × 37 s = 740 s of estimated work
    expect(planShards(tasks, { maxShards: 16, targetSeconds: 300 }).shards).toHaveLength(3);
    expect(planShards(tasks, { maxShards: 16, targetSeconds: 100 }).shards).toHaveLength(8);
    expect(planShards(tasks, { maxShards: 4, targetSeconds: 100 }).shards).toHaveLength(4);
  });

  it("does not join services through a shared package's typecheck (tsc -b rebuilds it where needed)", () => {
    // A change to lambda: its own tasks, and every service's typecheck needs lambda's and logging's.
    const typecheck = (project: string, deps: string[]): Task => ({
      id: `${project}:typecheck`,
      project,
      target: 'typecheck',
      dependsOn: deps.map((d) => `${d}:typecheck`),
    });
    const tasks: Task[] = [
      { id: 'lambda:lint', project: 'lambda', target: 'lint' },
      { id: 'lambda:test', project: 'lambda', target: 'test' },
      typecheck('lambda', ['logging']),
      typecheck('logging', []),
      ...['a', 'b'].flatMap((name) => [...service(name), typecheck(name, ['lambda'])]),
    ];
    const plan = planShards(tasks, { maxShards: 8, targetSeconds: 10 });

    expect(plan.shards.map((s) => s.projects)).toEqual([['a', 'a-stack'], ['b', 'b-stack'], ['lambda']]);
    // logging is not affected: its typecheck is only a prerequisite, run by the shards that need it.
    expect(plan.shards.flatMap((s) => s.tasks).sort()).toEqual(
      tasks
        .filter((t) => t.project !== 'logging')
        .map((t) => t.id)
        .sort(),
    );
  });

  it('is deterministic: the same input gives the same plan, whatever the task order', () => {
    const tasks = ['a', 'b', 'c', 'd'].flatMap(service);
    const one = planShards(tasks, { maxShards: 3, targetSeconds: 30 });
    const other = planShards([...tasks].reverse(), { maxShards: 3, targetSeconds: 30 });
    expect(other).toEqual(one);
  });

  it('rejects bad input with the fix', () => {
    expect(() => planShards([], { maxShards: 0 })).toThrow(
      new ShardPlanError(
        'maxShards is 0: it must be a whole number of runners, at least 1. Set it to 1 to run everything in one job.',
      ),
    );
    expect(() => planShards([], { maxShards: 2, targetSeconds: -5 })).toThrow(
      'targetSeconds is -5: it must be a positive number of seconds per shard.',
    );
    const twice = [...service('a'), service('a')[0]];
    expect(() => planShards(twice, { maxShards: 2 })).toThrow(
      'task a:lint is listed twice: each task must appear once.',
    );
  });
});

describe('inputs from Nx', () => {
  it("reads Nx's task graph and run summaries (cache hits say nothing of cost)", () => {
    const graph = {
      tasks: {
        tasks: {
          'orders:build': { id: 'orders:build', target: { project: 'orders', target: 'build' } },
          'orders-stack:synth': {
            id: 'orders-stack:synth',
            target: { project: 'orders-stack', target: 'synth' },
          },
        },
        dependencies: { 'orders:build': [], 'orders-stack:synth': ['orders:build'] },
      },
    };
    expect(tasksFromNxGraph(graph)).toEqual([
      { id: 'orders-stack:synth', project: 'orders-stack', target: 'synth', dependsOn: ['orders:build'] },
      { id: 'orders:build', project: 'orders', target: 'build', dependsOn: [] },
    ]);
    expect(
      durationsFromRuns([
        {
          tasks: [
            {
              taskId: 'a:test',
              startTime: '2026-12-02T10:00:00.000Z',
              endTime: '2026-12-02T10:00:12.340Z',
              cacheStatus: 'cache-miss',
            },
            {
              taskId: 'b:test',
              startTime: '2026-12-02T10:00:00.000Z',
              endTime: '2026-12-02T10:00:00.100Z',
              cacheStatus: 'local-cache-hit',
            },
          ],
        },
      ]),
    ).toEqual({ 'a:test': 12.3 });
  });

  it('plans from the real task graph of this workspace through the CLI the workflow runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    try {
      execFileSync(
        join(root, 'node_modules', '.bin', 'nx'),
        [
          'run-many',
          '-t',
          'lint',
          'test',
          'build',
          'synth',
          '-p',
          'orders',
          'orders-stack',
          'reports',
          'reports-stack',
          `--graph=${join(dir, 'tasks.json')}`,
        ],
        {
          cwd: root,
          env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
          stdio: 'pipe',
        },
      );
      writeFileSync(join(dir, 'durations.json'), JSON.stringify({ 'orders:test': 200 }));
      const matrix = execFileSync(
        join(root, 'node_modules', '.bin', 'tsx'),
        [
          'tools/ci/shards.ts',
          'plan',
          '--graph',
          join(dir, 'tasks.json'),
          '--durations',
          join(dir, 'durations.json'),
          '--max',
          '4',
          '--target',
          '60',
        ],
        { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(JSON.parse(matrix)).toEqual({
        include: [
          { shard: 1, projects: 'orders orders-stack' },
          { shard: 2, projects: 'reports reports-stack' },
        ],
      });
      const graph = JSON.parse(readFileSync(join(dir, 'tasks.json'), 'utf8'));
      expect(graph.tasks.dependencies['orders-stack:synth']).toEqual(['orders:build']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
