// Every benchmark command a user runs, through that same command (npm script -> Nx target -> script), in
// smoke mode (BENCH_SMOKE=1: once, tiny counts). Results go to a temporary folder and fill a temporary copy of
// docs/performance.md, so that the repository's results and docs stay as they are.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from '../lib/results';

const root = join(__dirname, '..', '..');
// These run nx as a top-level command of their own: the outer Nx run's invocation id must not leak in.
const { NX_INVOCATION_ROOT_PID: _outer, ...outerEnv } = process.env;

let dir: string;
let results: string;
let docs: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  results = join(dir, 'results');
  docs = join(dir, 'performance.md');
  execFileSync('cp', ['-r', join(root, 'bench', 'results'), results]);
  copyFileSync(join(root, 'docs', 'performance.md'), docs);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const npmRun = (script: string, ...args: string[]) =>
  String(
    execFileSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      cwd: root,
      env: {
        ...outerEnv,
        BENCH_SMOKE: '1',
        BENCH_RESULTS_DIR: results,
        BENCH_DOCS: docs,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        FORCE_COLOR: '0',
      },
      stdio: 'pipe',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
const read = (name: string) => JSON.parse(readFileSync(join(results, `${name}.json`), 'utf8')) as BenchResult;
const today = new Date().toISOString().slice(0, 10);
const block = (id: string) => {
  const text = readFileSync(docs, 'utf8');
  return text.slice(text.indexOf(`<!-- bench:${id} -->`), text.indexOf(`<!-- /bench:${id} -->`));
};

describe('npm run bench', () => {
  it('measures synth, the handler bundles and the package micro-benchmarks, and fills the docs', () => {
    npmRun('bench');

    expect(readdirSync(results).sort()).toEqual(
      expect.arrayContaining([
        'handlers.json',
        'lambda-warm-sqs.json',
        'settings-warm-reads.json',
        'synth.json',
      ]),
    );
    const synth = read('synth');
    expect(synth.measured.startsWith(today)).toBe(true);
    expect(synth.tables.cases!.rows.map((r) => [r[0], r[1]])).toEqual([['1 stack (1 service × 1 env)', 1]]);

    const handlers = read('handlers');
    expect(Object.keys(handlers.tables)).toEqual([
      'sizes',
      'parts',
      'targets',
      'lazy',
      'split',
      'cold-start',
    ]);
    // The packages that call AWS load no SDK module at init, 22 on the first call (as in the committed run).
    expect(handlers.tables.lazy!.rows).toEqual([
      ['bare + `SQSClient` (SendMessage)', 22, 22],
      ['`sendMessages()` (@platform/queue)', 0, 22],
      ['bare + `SSMClient` + `SecretsManagerClient`', 22, 22],
      ['`getSettings()` (@platform/settings)', 0, 22],
    ]);

    expect(read('lambda-warm-sqs').tables.records!.rows.map((r) => r[0])).toEqual([
      'bare loop, nothing logged',
      '`sqsHandler` + logging, nothing logged at INFO (target < 20 µs added)',
      'bare loop writing one minimal JSON line',
      '`sqsHandler` with one `logger.info` per record',
    ]);
    // Settings: 2 calls cold, none while warm, 2 again after the max age.
    expect(read('settings-warm-reads').tables.calls!.rows.map((r) => [r[0], r[1]])).toEqual([
      ['the first (cold)', 2],
      ['10 warm, within `SETTINGS_MAX_AGE` (2 s here, 300 s by default)', 0],
      ['the first after the max age', 2],
    ]);

    expect(block('synth')).toContain(`Measured ${today}`);
    expect(block('synth:cases')).toContain('| 1 stack (1 service × 1 env) |');
    expect(block('settings-warm-reads:calls')).toContain('| 10 warm, within `SETTINGS_MAX_AGE`');
  });
});

describe('nx run bench:render', () => {
  it('fills the docs from the results without measuring', () => {
    const before = readFileSync(docs, 'utf8');
    execFileSync('npx', ['nx', 'run', 'bench:render'], {
      cwd: root,
      env: { ...outerEnv, BENCH_RESULTS_DIR: results, BENCH_DOCS: docs, NX_DAEMON: 'false', NX_TUI: 'false' },
      stdio: 'pipe',
    });
    // The committed docs are what the committed results render to.
    expect(readFileSync(docs, 'utf8')).toBe(before);
  });
});

describe('npm run bench:dev', () => {
  it('starts dev, edits a handler, restarts, and fills the docs', () => {
    if (!existsSync(join(root, 'cdktf.out', 'stacks', 'orders-dev', 'cdk.tf.json')))
      execFileSync('npx', ['nx', 'run', 'stacks:synth'], { cwd: root, env: outerEnv, stdio: 'pipe' });
    npmRun('bench:dev');

    const dev = read('dev');
    expect(dev.measured.startsWith(today)).toBe(true);
    expect(dev.tables.measures!.rows.map((r) => r[0])).toHaveLength(7);
    expect(block('dev:measures')).toContain('| start-up, first run (every function built)');
  });
});

describe('npm run bench:scale', () => {
  it('grows a copy by one generated service and measures `nx affected` after a one-service change', () => {
    npmRun('bench:scale');

    const scale = read('scale');
    // The service's 8 tasks, and the typecheck of the 8 packages its app and stack reference (^typecheck).
    expect(scale.tables.affected!.rows.map((r) => [r[0], r[3], r[4]])).toEqual([[1, 16, 8]]);
    expect(scale.tables.builds!.rows.map((r) => r[0])).toEqual([1]);
    expect(block('scale:affected')).toMatch(/\| +1 \|/);
  });
});

describe('npm run bench:shards', () => {
  it('runs the sharded commands of CI in a copy and checks that their union is the affected task set', () => {
    npmRun('bench:shards');

    const shards = read('shards');
    // One generated service changed: its app's and its stack's 9 tasks, each run once, and the typecheck of
    // the 8 packages they reference, run as prerequisites.
    expect(shards.tables.union!.rows).toEqual([[1, 9, 1, 17, 0, 0, 0, 8]]);
    expect(shards.tables.simulation!.rows.map((r) => [r[0], r[2]])).toEqual([
      [1, 1],
      [1, 4],
      [1, 8],
      [1, 16],
    ]);
  });
});

describe('npm run bench:task-cost', () => {
  it("times a generated service's lint, typecheck and test tasks in a copy and fills the docs", () => {
    npmRun('bench:task-cost');

    const cost = read('task-cost');
    expect(cost.measured.startsWith(today)).toBe(true);
    // Smoke: the new configuration only, one service, one run that passed.
    expect(cost.tables.runs!.rows.map((r) => [r[0], r[1], r[8]])).toEqual([[1, 'new', 'none']]);
    expect(cost.tables['per-service']!.rows.map((r) => r[0])).toEqual([
      'app typecheck',
      'stack typecheck',
      'app lint',
      'stack lint',
      'app test',
      'stack test',
      "app build (the stack test's dependency)",
      "**a service's tasks** (target ≤ 10 s)",
      'shared tasks the run needed once, ÷ N',
      '2 slots × wall time of the run ÷ N (all included)',
    ]);
    // Every task of the service ran and was timed.
    for (const row of cost.tables['per-service']!.rows) expect(row[1]).toBeGreaterThan(0);
    expect(block('task-cost:runs')).toMatch(/\| +1 \| new +\|/);
  });
});
