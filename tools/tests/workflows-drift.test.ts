import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { standInDir, takeCalls } from './support/terraformStandIn';

/*
 * tools/ci/bin/drift-check.ts, the scheduled drift check of drift.yml, run as the workflow runs it, on a
 * synthesized app (manifest.json and one cdk.tf.json per stack), with stand-ins for terraform and the
 * GitHub CLI first on PATH. The workflow's own wiring: workflows.test.ts.
 */
const root = join(__dirname, '..', '..');
const ghDir = join(__dirname, 'support', 'gh-stand-in');
const STACKS = ['bootstrap-commerce-dev', 'orders-dev', 'orders-prod', 'reports-dev'];
const ACCOUNTS: Record<string, string> = {
  'orders-dev': '111111111111',
  'orders-prod': '333333333333',
  'reports-dev': '444444444444',
};
let dir: string;

/** A cdktf output as `PLATFORM_ROLE=plan npm run synth` writes it: each service stack assumes the plan role. */
function synthesized(): string {
  const out = join(dir, 'cdktf.out');
  const stacks: Record<string, object> = {};
  for (const stack of STACKS) {
    const [service, environment] = stack.split('-');
    const account = ACCOUNTS[stack] ?? '111111111111';
    mkdirSync(join(out, 'stacks', stack), { recursive: true });
    writeFileSync(
      join(out, 'stacks', stack, 'cdk.tf.json'),
      JSON.stringify({
        provider: {
          aws: [{ assume_role: [{ role_arn: `arn:aws:iam::${account}:role/acme-platform-plan` }] }],
        },
        terraform: {
          backend: {
            s3: {
              bucket: `acme-tfstate-${account}-eu-west-1`,
              key: `${service}/${environment}/terraform.tfstate`,
            },
          },
        },
      }),
    );
    stacks[stack] = { name: stack, workingDirectory: `stacks/${stack}` };
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks }));
  return out;
}

interface GhCall {
  readonly args: string[];
  readonly stdin?: string;
}

/** Runs the check; returns its exit code and output, and what terraform and gh were asked. */
function check(options: { drift?: string; fail?: string; openIssues?: object[]; synthDir?: string }) {
  const issues = join(dir, 'issues.json');
  writeFileSync(issues, JSON.stringify(options.openIssues ?? []));
  const tfLog = join(dir, 'terraform.jsonl');
  const ghLog = join(dir, 'gh.jsonl');
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(root, 'tools', 'ci', 'bin', 'drift-check.ts'), options.synthDir ?? synthesized()],
    {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${standInDir}:${ghDir}:${process.env.PATH}`,
        TERRAFORM_STAND_IN_LOG: tfLog,
        TERRAFORM_STAND_IN_DRIFT: options.drift ?? '',
        TERRAFORM_STAND_IN_FAIL: options.fail ?? '',
        GH_STAND_IN_LOG: ghLog,
        GH_STAND_IN_ISSUES: issues,
        GH_STAND_IN_NEXT_ISSUE: '7',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/platform',
        GITHUB_RUN_ID: '42',
      },
    },
  );
  const gh = (() => {
    try {
      return readFileSync(ghLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as GhCall);
    } catch {
      return [];
    }
  })();
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    terraform: takeCalls(tfLog),
    gh,
  };
}

const LABEL = [
  'label',
  'create',
  'drift',
  '--force',
  '--color',
  'D93F0B',
  '--description',
  'A deployed stack differs from main',
];
const LIST = [
  'issue',
  'list',
  '--label',
  'drift',
  '--state',
  'open',
  '--limit',
  '1000',
  '--json',
  'number,title',
];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'drift-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('tools/ci/bin/drift-check.ts', () => {
  it('plans every service stack in its own folder, with its plan role, -detailed-exitcode and no lock; no bootstrap stack', () => {
    const { status, stdout, terraform } = check({});
    expect(status).toBe(0);
    expect(
      terraform.map((c) => [relative(dir, c.cwd), c.args.join(' '), c.stack?.backendKey, c.stack?.roleArn]),
    ).toEqual(
      ['orders-dev', 'orders-prod', 'reports-dev'].flatMap((stack) => {
        const [service, environment] = stack.split('-');
        const facts = [
          `${service}/${environment}/terraform.tfstate`,
          `arn:aws:iam::${ACCOUNTS[stack]}:role/acme-platform-plan`,
        ];
        return [
          [`cdktf.out/stacks/${stack}`, 'init -input=false -no-color', ...facts],
          [
            `cdktf.out/stacks/${stack}`,
            'plan -detailed-exitcode -lock=false -input=false -no-color',
            ...facts,
          ],
        ];
      }),
    );
    expect(stdout).toBe('orders-dev: clean\norders-prod: clean\nreports-dev: clean\n');
  });

  it('opens an issue for a drifted stack that has none, with the plan and the run', () => {
    const { status, stdout, gh } = check({ drift: 'orders-prod' });
    expect(status).toBe(0);
    expect(gh.map((c) => c.args)).toEqual([
      LABEL,
      LIST,
      ['issue', 'create', '--title', 'Drift: orders-prod', '--label', 'drift', '--body-file', '-'],
    ]);
    expect(gh[2].stdin).toContain(
      '`terraform plan` of **orders-prod** with the read-only plan role shows changes',
    );
    expect(gh[2].stdin).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(gh[2].stdin).toContain('Last check: https://github.com/acme/platform/actions/runs/42');
    expect(stdout).toContain('orders-prod: drift\n');
    expect(stdout).toContain('orders-prod: issue #7 opened\n');
  });

  it('updates the open issue of a stack still drifting and closes the issue of a stack now clean', () => {
    const { status, gh } = check({
      drift: 'orders-prod',
      openIssues: [
        { number: 3, title: 'Drift: orders-prod' },
        { number: 4, title: 'Drift: reports-dev' },
        { number: 5, title: 'Drift: orders-dev-extra' },
      ],
    });
    expect(status).toBe(0);
    expect(gh.map((c) => c.args)).toEqual([
      LABEL,
      LIST,
      ['issue', 'edit', '3', '--body-file', '-'],
      [
        'issue',
        'close',
        '4',
        '--comment',
        'No drift any more (https://github.com/acme/platform/actions/runs/42).',
      ],
    ]);
    expect(gh[2].stdin).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
  });

  it("fails when a plan fails, after handling the other stacks, and leaves that stack's issue alone", () => {
    const { status, stderr, gh } = check({
      fail: 'plan:orders-dev',
      drift: 'reports-dev',
      openIssues: [{ number: 5, title: 'Drift: orders-dev' }],
    });
    expect(status).toBe(1);
    expect(gh.map((c) => c.args)).toEqual([
      LABEL,
      LIST,
      ['issue', 'create', '--title', 'Drift: reports-dev', '--label', 'drift', '--body-file', '-'],
    ]);
    expect(stderr).toContain('orders-dev: terraform failed in');
    expect(stderr).toContain('Error: plan failed (stand-in)');
    expect(stderr).toContain('The plan of orders-dev failed (output above); their issues are unchanged.');
  });

  it('without a synthesized app, says how to make one and touches nothing', () => {
    const { status, stderr, terraform, gh } = check({ synthDir: join(dir, 'nowhere') });
    expect(status).toBe(1);
    expect(stderr).toBe(
      `${join(dir, 'nowhere', 'manifest.json')} does not exist. Synthesize first, with the plan role: PLATFORM_ROLE=plan npm run synth\n`,
    );
    expect([terraform, gh]).toEqual([[], []]);
  });
});
