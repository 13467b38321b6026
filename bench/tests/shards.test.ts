import { join } from 'node:path';
import {
  affectedTasks,
  checkUnion,
  durationsByKind,
  extrapolate,
  kindOf,
  loadPlanner,
  type MeasuredTask,
  simulate,
  tasksOfProfile,
} from '../scale/shards';

const root = join(__dirname, '..', '..');
const measured = (id: string, seconds: number): MeasuredTask => {
  const [project, target] = id.split(':') as [string, string];
  return { id, project, target, seconds, status: 'success' };
};

describe('checkUnion', () => {
  it('is exact when every affected task ran in exactly one shard', () => {
    expect(checkUnion(['a:lint', 'a:test', 'b:lint'], [['a:lint', 'a:test'], ['b:lint']])).toEqual({
      missing: [],
      extra: [],
      twice: [],
      repeated: [],
    });
  });

  it('names the tasks missed, run without being affected, and run in two shards', () => {
    expect(
      checkUnion(
        ['a:build', 'a:lint', 'b:lint', 'c:test'],
        [
          ['a:build', 'a:lint'],
          ['a:build', 'b:lint', 'd:lint'],
        ],
      ),
    ).toEqual({ missing: ['c:test'], extra: ['d:lint'], twice: ['a:build'], repeated: [] });
  });

  it('counts a typecheck a shard ran for its own tasks as a prerequisite, not as extra or twice', () => {
    expect(
      checkUnion(
        ['a:lint', 'a:typecheck', 'b:lint', 'b:typecheck', 'lib:typecheck', 'lib:test'],
        [
          ['lib:typecheck', 'lib:test', 'logging:typecheck'],
          ['logging:typecheck', 'lib:typecheck', 'a:typecheck', 'a:lint', 'b:typecheck', 'b:lint'],
        ],
      ),
    ).toEqual({ missing: [], extra: [], twice: [], repeated: ['lib:typecheck', 'logging:typecheck'] });
  });
});

describe('affectedTasks', () => {
  it("keeps the projects with a task nothing else needs, and leaves out a package's prerequisite typecheck", () => {
    expect(
      affectedTasks([
        { id: 'svc:lint', project: 'svc', target: 'lint' },
        { id: 'svc:typecheck', project: 'svc', target: 'typecheck', dependsOn: ['lambda:typecheck'] },
        { id: 'lambda:typecheck', project: 'lambda', target: 'typecheck', dependsOn: ['logging:typecheck'] },
        { id: 'logging:typecheck', project: 'logging', target: 'typecheck' },
        { id: 'svc-stack:synth', project: 'svc-stack', target: 'synth', dependsOn: ['svc:build'] },
        { id: 'svc:build', project: 'svc', target: 'build' },
      ]),
    ).toEqual(['svc:lint', 'svc:typecheck', 'svc-stack:synth', 'svc:build']);
  });
});

describe('tasksOfProfile', () => {
  it("reads each task's project, target, seconds and status from Nx's profile, skipping other events", () => {
    expect(
      tasksOfProfile([
        {
          name: 'svc-000:lint',
          ph: 'X',
          dur: 2_500_000,
          args: { target: { project: 'svc-000', target: 'lint' }, status: 'success' },
        },
        { name: 'hash', ph: 'B', dur: 0 },
      ]),
    ).toEqual([{ id: 'svc-000:lint', project: 'svc-000', target: 'lint', seconds: 2.5, status: 'success' }]);
  });
});

describe('durations by kind', () => {
  it('tells generated apps and stacks apart, and nothing else is generated', () => {
    expect(kindOf({ project: 'svc-042', target: 'test' })).toBe('generated app:test');
    expect(kindOf({ project: 'svc-042-stack', target: 'synth' })).toBe('generated stack:synth');
    expect(kindOf({ project: 'orders', target: 'test' })).toBeUndefined();
  });

  it('takes the median of each kind', () => {
    const tasks = [measured('svc-000:test', 10), measured('svc-001:test', 30), measured('svc-002:test', 20)];
    expect(
      durationsByKind([...tasks, measured('svc-000-stack:synth', 4), measured('orders:test', 99)]),
    ).toEqual({
      'generated app:test': 20,
      'generated stack:synth': 4,
    });
  });

  it('extrapolates: generated tasks by kind, measured ones as measured, the rest left to estimates', () => {
    const run = [measured('svc-000:test', 10), measured('svc-001:test', 30), measured('orders:test', 40)];
    const tasks = [
      { id: 'svc-000:test', project: 'svc-000', target: 'test' },
      { id: 'svc-099:test', project: 'svc-099', target: 'test' },
      { id: 'orders:test', project: 'orders', target: 'test' },
      { id: 'lambda:lint', project: 'lambda', target: 'lint' },
    ];
    expect(extrapolate(tasks, run)).toEqual({
      durations: { 'svc-000:test': 30, 'svc-099:test': 30, 'orders:test': 40 },
      measured: 1,
      byKind: 2,
      estimated: ['lambda:lint'],
    });
  });
});

describe('simulate', () => {
  const planner = loadPlanner(root);
  const tasks = ['a', 'b', 'c', 'd'].flatMap((p) => [
    { id: `${p}:test`, project: p, target: 'test' },
    { id: `${p}:lint`, project: p, target: 'lint' },
  ]);
  const durations = {
    'a:test': 100,
    'b:test': 60,
    'c:test': 50,
    'd:test': 40,
    'a:lint': 10,
    'b:lint': 10,
    'c:lint': 10,
    'd:lint': 10,
  };

  it('puts the work on exactly K runners; the slowest job is the setup plus its tasks on 2 slots, at least its longest task', () => {
    expect(simulate(planner, tasks, durations, { runners: 2, setupSeconds: 30, parallel: 2 })).toEqual({
      runners: 2,
      shards: 2,
      totalSeconds: 290,
      // longest first on the lighter shard: a 110 | b 70, c 60 -> 130 | d 50 -> a + d 160
      longestShardSeconds: 160,
      longestShardWallSeconds: 100,
      setupSeconds: 30,
      wallSeconds: 130,
    });
  });

  it('never makes a job shorter than its longest task', () => {
    expect(
      simulate(planner, tasks, durations, { runners: 4, setupSeconds: 0, parallel: 2 }).wallSeconds,
    ).toBe(100);
  });
});
