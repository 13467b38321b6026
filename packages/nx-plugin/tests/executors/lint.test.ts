import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * The executors in a process of their own (tsx), in a scratch workspace with its own eslint.config.mjs of
 * one rule, so a finding is the file's fault. Not in Jest's process: ESLint import()s its config and parts
 * of itself, which Jest's VM refuses without --experimental-vm-modules. Through Nx with the real config:
 * every `nx run-many -t lint` (npm test) and the generator's end-to-end test (tools/tests/generator.e2e.test.ts).
 */
const executor = join(__dirname, '..', '..', 'src', 'executors', 'lint', 'executor.ts');
const tsx = join(__dirname, '..', '..', '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
let root: string;
const write = (file: string, text: string) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};
const context = `{ root: process.cwd(), projectName: process.argv[2], projectsConfigurations: { version: 2, projects: { clean: { root: 'clean' }, messy: { root: 'messy' } } } }`;
/** Runs `code` (ESM, with `executor` imported) in the scratch workspace; returns what it wrote to stdout. */
function run(code: string, ...args: string[]): string {
  write('run.mts', `import * as executor from ${JSON.stringify(executor)};\n${code}\n`);
  return execFileSync(process.execPath, [tsx, 'run.mts', ...args], {
    cwd: root,
    encoding: 'utf8',
    // Plain output to match on, also when Nx runs these tests (it forces colour for its tasks).
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lint-executor-'));
  write(
    'eslint.config.mjs',
    "export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error' } }];\n",
  );
  write('clean/src/a.js', 'export const used = 1;\n');
  write('messy/src/b.js', 'const unused = 1;\nexport const used = 2;\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('lint executor', () => {
  it('fails on a finding, prints it, and keeps its cache in <project>/dist/eslint', () => {
    const printed = run(
      `const result = await executor.default.default({ lintFilePatterns: ['messy'] }, ${context});\nconsole.log(JSON.stringify(result));`,
      'messy',
    );
    expect(printed).toContain('messy/src/b.js');
    expect(printed).toMatch(/1:7\s+error\s+'unused' is assigned a value but never used\s+no-unused-vars/);
    expect(printed.trim().split('\n').at(-1)).toBe('{"success":false}');
    expect(readFileSync(join(root, 'messy/dist/eslint/.eslintcache'), 'utf8')).toContain('messy/src/b.js');
  }, 60_000);

  it('lints every task of a batch in one process, each with its own result and time span', () => {
    const graph = {
      roots: ['clean:lint', 'messy:lint'],
      tasks: {
        'clean:lint': { id: 'clean:lint', target: { project: 'clean', target: 'lint' } },
        'messy:lint': { id: 'messy:lint', target: { project: 'messy', target: 'lint' } },
      },
      dependencies: { 'clean:lint': [], 'messy:lint': [] },
    };
    const inputs = {
      'clean:lint': { lintFilePatterns: ['clean'] },
      'messy:lint': { lintFilePatterns: ['messy'] },
    };
    const printed = run(
      `const results = [];
for await (const item of executor.default.lintBatch(${JSON.stringify(graph)}, ${JSON.stringify(inputs)}, {}, ${context})) results.push(item);
console.log(JSON.stringify(results));`,
    );
    const results = JSON.parse(printed) as {
      task: string;
      result: { success: boolean; terminalOutput: string; startTime: number; endTime: number };
    }[];
    expect(results.map((r) => [r.task, r.result.success])).toEqual([
      ['clean:lint', true],
      ['messy:lint', false],
    ]);
    expect(results[0]!.result.terminalOutput).toBe('');
    expect(results[1]!.result.terminalOutput).toContain('no-unused-vars');
    for (const { result } of results) expect(result.endTime).toBeGreaterThanOrEqual(result.startTime);
    expect(existsSync(join(root, 'clean/dist/eslint/.eslintcache'))).toBe(true);
  }, 60_000);
});
