import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

// stacks/main.ts turns source maps off while it builds the stacks (cdktf's token stack traces are costly to
// map); an error must still point at the TypeScript line that threw.
describe('stacks/main.ts', () => {
  it('prints a failed synth with the TypeScript position of the error', () => {
    // Prepare: the line of plan.ts that rejects a selection matching no stack
    const outdir = mkdtempSync(join(tmpdir(), 'stacks-main-'));
    const planLines = readFileSync(join(root, 'stacks', 'lib', 'plan.ts'), 'utf8').split('\n');
    const message = planLines.findIndex((line) => line.includes('matches no stack'));
    const matchesNothing = planLines
      .slice(0, message)
      .findLastIndex((line) => line.includes('throw new SelectionError('));
    const tsx = join(root, 'node_modules', '.bin', 'tsx');

    // Act
    const result = spawnSync(tsx, [join(root, 'stacks', 'main.ts')], {
      cwd: root,
      env: { ...withoutCdktfOutdir(process.env), PLATFORM_STACKS: 'no-such-stack', PLATFORM_OUTDIR: outdir },
      encoding: 'utf8',
    });
    rmSync(outdir, { recursive: true, force: true });

    // Assess
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('PLATFORM_STACKS: "no-such-stack" matches no stack.');
    expect(result.stderr).toContain(`stacks/lib/plan.ts:${matchesNothing + 1}:`);
  }, 30_000);
});

function withoutCdktfOutdir(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CDKTF_OUTDIR: _cliOutdir, ...rest } = env;
  return rest;
}
