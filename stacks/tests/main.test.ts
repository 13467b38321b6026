import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** `tsx stacks/main.ts` as `npm run synth` runs it, into a scratch folder. */
function synth(env: Record<string, string>, args: string[] = []) {
  const outdir = mkdtempSync(join(tmpdir(), 'stacks-main-'));
  const result = spawnSync(tsx, [join(root, 'stacks', 'main.ts'), ...args], {
    cwd: root,
    env: { ...withoutCdktfOutdir(process.env), PLATFORM_OUTDIR: outdir, ...env },
    encoding: 'utf8',
  });
  const stacks = existsSync(join(outdir, 'stacks')) ? readdirSync(join(outdir, 'stacks')) : [];
  rmSync(outdir, { recursive: true, force: true });
  return { ...result, outdir, stacks };
}

describe('stacks/main.ts', () => {
  it('prints each suppression once per stack, then one closing line', () => {
    const result = synth({ PLATFORM_STACKS: 'bootstrap-commerce-*' });

    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    // The pipeline roles' accepted wildcards: the same lines for each environment, each once.
    const byEnvironment = ['dev', 'staging', 'prod'].map((env) =>
      lines
        .filter((l) => l.startsWith(`[guardrails] bootstrap-commerce-${env}: `))
        .map((l) => l.replace(`bootstrap-commerce-${env}`, 'bootstrap-commerce-<env>')),
    );
    expect(byEnvironment[0].length).toBeGreaterThan(10);
    expect(new Set(byEnvironment[0]).size).toBe(byEnvironment[0].length);
    expect(
      byEnvironment[0].every((l) =>
        / PLAT-IAM-4 suppressed on aws_iam_\w+\.pipeline_[\w-]+ \(.*\) for Resource::/.test(l),
      ),
    ).toBe(true);
    expect(lines.length).toBe(3 * byEnvironment[0].length + 1);
    expect(lines.at(-1)).toMatch(/^3 stacks written to \/.*\/stacks in \d+\.\d s$/);
    expect(lines.at(-1)).toContain(`${result.outdir}/stacks`);
    expect(result.stacks.sort()).toEqual([
      'bootstrap-commerce-dev',
      'bootstrap-commerce-prod',
      'bootstrap-commerce-staging',
    ]);
    expect(result.stderr).toBe('');
  }, 60_000);

  it('prints nothing but warnings with --quiet or PLATFORM_QUIET=1', () => {
    const flag = synth({ PLATFORM_STACKS: 'bootstrap-commerce-dev' }, ['--quiet']);
    const variable = synth({ PLATFORM_STACKS: 'bootstrap-commerce-dev', PLATFORM_QUIET: '1' });

    for (const result of [flag, variable]) {
      expect(result.status).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('');
      expect(result.stacks).toEqual(['bootstrap-commerce-dev']);
    }
  }, 60_000);

  it("prints a failed synth's message alone and exits non-zero", () => {
    const result = synth({ PLATFORM_STACKS: 'no-such-stack' });

    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^PLATFORM_STACKS: "no-such-stack" matches no stack\. .*known: orders-dev, /),
    ]);
    expect(result.stdout).toBe('');
  }, 60_000);
});

function withoutCdktfOutdir(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CDKTF_OUTDIR: _cliOutdir, PLATFORM_QUIET: _quiet, PLATFORM_STACKS: _stacks, ...rest } = env;
  return rest;
}
