import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext, TaskGraph } from '@nx/devkit';
import typecheckExecutor, { typecheckBatch } from '../../src/executors/typecheck/executor';

/*
 * The executors in process, in a scratch workspace shaped like this one: composite projects extending a
 * base config with `outDir: ${configDir}/dist/tsc`, `app` referencing `lib` through a path alias, and a
 * declaration package in node_modules that both use. Through Nx on the real projects: every
 * `nx run-many -t typecheck` (npm test) and the generator's end-to-end test.
 */
let root: string;
const write = (file: string, text: string) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};
const context = (projectName?: string) =>
  ({
    root,
    projectName,
    projectsConfigurations: { version: 2, projects: { lib: { root: 'lib' }, app: { root: 'app' } } },
  }) as unknown as ExecutorContext;
const graph = {
  roots: ['lib:typecheck'],
  tasks: {
    'app:typecheck': { id: 'app:typecheck', target: { project: 'app', target: 'typecheck' } },
    'lib:typecheck': { id: 'lib:typecheck', target: { project: 'lib', target: 'typecheck' } },
  },
  dependencies: { 'app:typecheck': ['lib:typecheck'], 'lib:typecheck': [] },
} as unknown as TaskGraph;
const inputs = {
  'app:typecheck': { tsConfig: 'app/tsconfig.json' },
  'lib:typecheck': { tsConfig: 'lib/tsconfig.json' },
};
async function runBatch() {
  const results = [];
  for await (const item of typecheckBatch(graph, inputs, {}, context())) results.push(item);
  return results;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'typecheck-executor-'));
  write(
    'tsconfig.base.json',
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'preserve',
        moduleResolution: 'bundler',
        strict: true,
        types: ['clock'],
        composite: true,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: '${configDir}/dist/tsc',
        paths: { '@acme/lib': ['./lib/src/index.ts'] },
      },
    }),
  );
  write('node_modules/@types/clock/index.d.ts', 'declare function now(): number;\n');
  write('lib/tsconfig.json', JSON.stringify({ extends: '../tsconfig.base.json', include: ['src/**/*.ts'] }));
  write('lib/src/index.ts', 'export const greet = (name: string): string => `hello ${name} at ${now()}`;\n');
  write(
    'app/tsconfig.json',
    JSON.stringify({
      extends: '../tsconfig.base.json',
      include: ['src/**/*.ts'],
      references: [{ path: '../lib' }],
    }),
  );
  write(
    'app/src/main.ts',
    "import { greet } from '@acme/lib';\nexport const message: string = greet('ada');\n",
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));
// Each program parses TypeScript's own lib files once per process: seconds on a loaded runner.
jest.setTimeout(120_000);

describe('typecheck executor', () => {
  it("checks a project and writes its declarations and build info to <project>/dist/tsc (the target's outputs)", async () => {
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await expect(typecheckExecutor({ tsConfig: 'lib/tsconfig.json' }, context('lib'))).resolves.toEqual({
      success: true,
    });
    out.mockRestore();
    expect(readFileSync(join(root, 'lib/dist/tsc/src/index.d.ts'), 'utf8')).toContain(
      'export declare const greet: (name: string) => string;',
    );
    expect(existsSync(join(root, 'lib/dist/tsc/tsconfig.tsbuildinfo'))).toBe(true);
  });

  it('checks a batch in dependency order: the app against the declarations of the library', async () => {
    write(
      'app/src/main.ts',
      "import { greet } from '@acme/lib';\nexport const count: number = greet('ada');\n",
    );
    const results = await runBatch();
    expect(results.map((r) => [r.task, r.result.success])).toEqual([
      ['lib:typecheck', true],
      ['app:typecheck', false],
    ]);
    expect(results[1]!.result.terminalOutput).toMatch(
      /app\/src\/main\.ts\(2,14\): error TS2322: Type 'string' is not assignable to type 'number'\./,
    );
    for (const { result } of results) expect(result.endTime).toBeGreaterThanOrEqual(result.startTime);
  });

  it('does not run a task whose dependency in the batch failed, and says why', async () => {
    write('lib/src/index.ts', 'export const greet = (name: string): number => name;\n');
    const results = await runBatch();
    expect(results.map((r) => [r.task, r.result.success])).toEqual([
      ['lib:typecheck', false],
      ['app:typecheck', false],
    ]);
    expect(results[1]!.result.terminalOutput).toBe('Not run: lib:typecheck failed.\n');
  });

  it('fails on an import of a project that is not referenced, naming the file and the tsconfig', async () => {
    write(
      'app/tsconfig.json',
      JSON.stringify({ extends: '../tsconfig.base.json', include: ['src/**/*.ts'] }),
    );
    const results = await runBatch();
    expect(results[1]!.result.success).toBe(false);
    expect(results[1]!.result.terminalOutput).toMatch(
      /error TS6307: File '.*\/lib\/src\/index\.ts' is not listed within the file list of project '.*\/app\/tsconfig\.json'/,
    );
  });

  it('checks again only what changed: an unchanged project is up to date, a changed one is checked', async () => {
    expect((await runBatch()).map((r) => r.result.success)).toEqual([true, true]);
    const built = readFileSync(join(root, 'app/dist/tsc/tsconfig.tsbuildinfo'), 'utf8');
    expect((await runBatch()).map((r) => r.result.success)).toEqual([true, true]);
    expect(readFileSync(join(root, 'app/dist/tsc/tsconfig.tsbuildinfo'), 'utf8')).toBe(built);
    write(
      'app/src/main.ts',
      "import { greet } from '@acme/lib';\nexport const count: number = greet('ada');\n",
    );
    expect((await runBatch()).map((r) => r.result.success)).toEqual([true, false]);
  });
});
