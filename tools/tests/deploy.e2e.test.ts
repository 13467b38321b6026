import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { copyWorkspace, nxBin, type WorkspaceCopy } from './support/workspaceCopy';
import { stackCalls, standInEnv, takeCalls, type TerraformCall } from './support/terraformStandIn';

/*
 * Deploy and diff end to end, through the entry points a person and CI use: the real Nx targets
 * (`nx run <service>-stack:deploy|diff -c <env>`, `nx affected -t deploy -c <env>`) and plain
 * `npx cdktf deploy`, in a temporary copy of the workspace, with a recording stand-in for `terraform`
 * first on PATH (tools/tests/support/terraform-stand-in). Each test reads which folder Terraform ran
 * in, and the backend key and role of the cdk.tf.json it found there. Nothing reaches AWS.
 */
let copy: WorkspaceCopy;
let log: string;

// What cdktf-cli 0.21 runs in the stack's folder (-no-color: the tests set NO_COLOR). `deploy` has no
// separate plan: `apply` plans, then applies. `providers lock` runs because the folder has no lock file yet.
const DEPLOY_SEQUENCE = [
  ['init', '-no-color'],
  ['providers', 'lock', '-platform=linux_amd64', '-no-color'],
  ['apply', '-auto-approve', '-no-color'],
  ['output', '-json'],
];
const DIFF_SEQUENCE = [
  ['init', '-no-color'],
  ['providers', 'lock', '-platform=linux_amd64', '-no-color'],
  ['plan', '-input=false', '-out', 'plan', '-no-color'],
];

/** Runs a command in the copy with the stand-in; returns its output, or throws with it. */
function run(command: string, args: string[], env: Record<string, string> = {}): string {
  try {
    return copy.run(command, args, standInEnv(log, env));
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${String(e.stdout ?? '')}\n${String(e.stderr ?? '')}`,
    );
  }
}
const nx = (args: string[], env?: Record<string, string>) =>
  run('node', [nxBin, ...args, ...(args[0] === 'g' ? [] : ['--outputStyle=static'])], env);

/** Where each Terraform command ran (relative to the copy), and against which state and role. */
function summary(calls: readonly TerraformCall[]) {
  return stackCalls(calls).map((c) => ({
    args: c.args,
    dir: relative(copy.dir, c.cwd),
    backendKey: c.stack?.backendKey,
    roleArn: c.stack?.roleArn,
  }));
}

function expected(sequence: string[][], stack: string, backendKey: string, roleArn: string) {
  const dir = `dist/cdktf/deploy/${stack}/stacks/${stack}`;
  return sequence.map((args) => ({ args, dir, backendKey, roleArn }));
}

const manifestStacks = (outputDir: string) =>
  Object.keys(
    (JSON.parse(readFileSync(join(copy.dir, outputDir, 'manifest.json'), 'utf8')) as { stacks: object })
      .stacks,
  );

/** sha256 of every file under dir (Terraform's own files and the plan left out), by relative path. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

beforeAll(() => {
  copy = copyWorkspace('nx-deploy-');
  log = join(copy.dir, 'terraform-calls.jsonl');
}, 120_000);

afterAll(() => copy?.remove());

describe('nx run <service>-stack:deploy|diff -c <environment>', () => {
  it('deploy -c dev synthesizes orders-dev alone and applies it in its folder, against its state and role', () => {
    const output = nx(['run', 'orders-stack:deploy', '-c', 'dev']);
    expect(output).toContain('cdktf deploy orders-dev --output dist/cdktf/deploy/orders-dev --auto-approve');
    expect(summary(takeCalls(log))).toEqual(
      expected(
        DEPLOY_SEQUENCE,
        'orders-dev',
        'orders/dev/terraform.tfstate',
        'arn:aws:iam::111111111111:role/acme-platform-deploy',
      ),
    );
    expect(manifestStacks('dist/cdktf/deploy/orders-dev')).toEqual(['orders-dev']);
  }, 180_000);

  it('diff -c prod plans orders-prod in its folder, against its state and role', () => {
    nx(['run', 'orders-stack:diff', '-c', 'prod']);
    expect(summary(takeCalls(log))).toEqual(
      expected(
        DIFF_SEQUENCE,
        'orders-prod',
        'orders/prod/terraform.tfstate',
        'arn:aws:iam::333333333333:role/acme-platform-deploy',
      ),
    );
    expect(manifestStacks('dist/cdktf/deploy/orders-prod')).toEqual(['orders-prod']);
  }, 180_000);

  it('diff with PLATFORM_ROLE=plan (the pull-request diff) plans with the read-only plan role', () => {
    nx(['run', 'reports-stack:diff', '-c', 'dev'], {
      PLATFORM_ROLE: 'plan',
      TF_CLI_ARGS_plan: '-lock=false',
    });
    const calls = takeCalls(log);
    expect(summary(calls)).toEqual(
      expected(
        DIFF_SEQUENCE,
        'reports-dev',
        'reports/dev/terraform.tfstate',
        'arn:aws:iam::444444444444:role/acme-platform-plan',
      ),
    );
    expect(stackCalls(calls)[2].env).toEqual({
      PLATFORM_STACKS: 'reports-dev',
      PLATFORM_ROLE: 'plan',
      TF_CLI_ARGS_plan: '-lock=false',
    });
  }, 180_000);

  it("deploy -c prod --skipSynth deploys the synth target's stack byte for byte, without synthesizing", () => {
    nx(['run', 'orders-stack:synth']);
    takeCalls(log);
    nx(['run', 'orders-stack:deploy', '-c', 'prod', '--skipSynth', '--excludeTaskDependencies']);
    expect(summary(takeCalls(log))).toEqual(
      expected(
        DEPLOY_SEQUENCE,
        'orders-prod',
        'orders/prod/terraform.tfstate',
        'arn:aws:iam::333333333333:role/acme-platform-deploy',
      ),
    );
    const deployed = hashes(join(copy.dir, 'dist/cdktf/deploy/orders-prod/stacks/orders-prod'));
    delete deployed.plan;
    expect(deployed).toEqual(hashes(join(copy.dir, 'dist/cdktf/orders/stacks/orders-prod')));
    expect(Object.keys(deployed).filter((f) => f.endsWith('.zip')).length).toBe(2);
  }, 180_000);
});

describe('bad input fails before any Terraform call, naming the value and listing the valid ones', () => {
  it('an unknown environment', () => {
    expect(() => nx(['run', 'orders-stack:deploy', '-c', 'qa', '--excludeTaskDependencies'])).toThrow(
      'orders-stack:deploy: unknown environment "qa". Environments in stacks/topology.ts: dev, staging, prod.',
    );
    expect(() =>
      nx([
        'affected',
        '-t',
        'diff',
        '-c',
        'qa',
        '--files=apps/orders/src/index.ts',
        '--excludeTaskDependencies',
      ]),
    ).toThrow(
      'orders-stack:diff: unknown environment "qa". Environments in stacks/topology.ts: dev, staging, prod.',
    );
    expect(takeCalls(log)).toEqual([]);
  }, 120_000);

  it('an unknown service', () => {
    expect(() =>
      nx(['run', 'orders-stack:diff', '-c', 'dev', '--service', 'nope', '--excludeTaskDependencies']),
    ).toThrow('orders-stack:diff: unknown service "nope". Services in stacks/topology.ts: orders, reports.');
    expect(takeCalls(log)).toEqual([]);
  }, 120_000);

  it('--skipSynth with the plan role (the synthesized stack names the deploy role)', () => {
    expect(() =>
      nx(['run', 'orders-stack:deploy', '-c', 'prod', '--skipSynth', '--excludeTaskDependencies'], {
        PLATFORM_ROLE: 'plan',
      }),
    ).toThrow(
      'orders-prod: --skipSynth deploys the stack as synthesized, with the deploy role, but PLATFORM_ROLE=plan asks ' +
        'for the read-only plan role. Drop --skipSynth to synthesize it with the plan role.',
    );
    expect(takeCalls(log)).toEqual([]);
  }, 120_000);

  it('--skipSynth with nothing synthesized', () => {
    expect(() =>
      nx(['run', 'reports-stack:deploy', '-c', 'dev', '--skipSynth', '--excludeTaskDependencies']),
    ).toThrow(
      '--skipSynth: dist/cdktf/reports/manifest.json has no stack "reports-dev". Synthesize it first (npx nx run reports-stack:synth)',
    );
    expect(takeCalls(log)).toEqual([]);
  }, 120_000);
});

describe('nx affected -t deploy -c <environment>', () => {
  it('deploys exactly the stacks a change affects, each in its folder', () => {
    const file = join(copy.dir, 'apps/orders/src/domain/pricing.ts');
    copy.run('sh', ['-c', `echo '// a change' >> '${file}'`]);
    copy.git('commit', '-qam', 'change orders');
    nx(['affected', '-t', 'deploy', '-c', 'staging', '--base=HEAD~1', '--head=HEAD']);
    expect(summary(takeCalls(log))).toEqual(
      expected(
        DEPLOY_SEQUENCE,
        'orders-staging',
        'orders/staging/terraform.tfstate',
        'arn:aws:iam::222222222222:role/acme-platform-deploy',
      ),
    );
  }, 300_000);
});

describe('a freshly generated service', () => {
  it('deploys and diffs as generated', () => {
    nx(['g', '@platform/nx-plugin:service', 'ledger', '--team', 'insights', '--trigger', 'sqs']);
    nx(['run', 'ledger-stack:deploy', '-c', 'prod']);
    expect(summary(takeCalls(log))).toEqual(
      expected(
        DEPLOY_SEQUENCE,
        'ledger-prod',
        'ledger/prod/terraform.tfstate',
        'arn:aws:iam::666666666666:role/acme-platform-deploy',
      ),
    );
    nx(['run', 'ledger-stack:diff', '-c', 'dev']);
    expect(summary(takeCalls(log))).toEqual(
      expected(
        DIFF_SEQUENCE,
        'ledger-dev',
        'ledger/dev/terraform.tfstate',
        'arn:aws:iam::444444444444:role/acme-platform-deploy',
      ),
    );
  }, 300_000);
});

describe('npx cdktf deploy <service>-<environment> (README "Deploy")', () => {
  // cdktf does not tell the app which stacks it was asked for: without PLATFORM_STACKS it builds all.
  const cdktf = (args: string[], env?: Record<string, string>) => run('npx', ['cdktf', ...args], env);

  it('applies that stack alone, in cdktf.out, after synthesizing every stack (every app built first)', () => {
    nx(['run-many', '-t', 'build']);
    cdktf(['deploy', 'reports-staging', '--auto-approve']);
    const dir = 'cdktf.out/stacks/reports-staging';
    expect(summary(takeCalls(log))).toEqual(
      DEPLOY_SEQUENCE.map((args) => ({
        args,
        dir,
        backendKey: 'reports/staging/terraform.tfstate',
        roleArn: 'arn:aws:iam::555555555555:role/acme-platform-deploy',
      })),
    );
    expect(manifestStacks('cdktf.out')).toEqual(
      expect.arrayContaining(['bootstrap-commerce-dev', 'orders-prod', 'reports-dev', 'reports-staging']),
    );
  }, 180_000);

  it('with PLATFORM_STACKS synthesizes only that stack', () => {
    cdktf(['deploy', 'orders-dev', '--auto-approve'], { PLATFORM_STACKS: 'orders-dev' });
    expect(summary(takeCalls(log)).map((c) => [c.args[0], c.dir, c.backendKey])).toEqual(
      DEPLOY_SEQUENCE.map((args) => [args[0], 'cdktf.out/stacks/orders-dev', 'orders/dev/terraform.tfstate']),
    );
    expect(manifestStacks('cdktf.out')).toEqual(['orders-dev']);
  }, 180_000);

  // cdktf's own message, which does not list the stacks (`npx cdktf list` does): the Nx target's lists them.
  it('an unknown stack fails before terraform init', () => {
    expect(() => cdktf(['deploy', 'orders-qa', '--auto-approve'], { PLATFORM_STACKS: 'orders-*' })).toThrow(
      "Could not find stack for pattern 'orders-qa'",
    );
    expect(stackCalls(takeCalls(log))).toEqual([]);
  }, 180_000);
});
