import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import { buildApp } from '../lib/app';
import { defineTopology, type TopologyInput } from '../lib/topology';
import { topology } from '../topology';
import { validInput } from './fixtures/topology';

const stacksDir = join(__dirname, 'fixtures', 'stacks');
let outdir: string;
beforeEach(() => {
  outdir = mkdtempSync(join(tmpdir(), 'stacks-test-'));
});
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

const build = (selection?: string, input: TopologyInput = validInput()) =>
  buildApp({
    topology: defineTopology(input),
    selection,
    outdir,
    stacksDir,
    artifactsRoot: join(outdir, 'artifacts'),
  });
const stackNames = (app: ReturnType<typeof build>) =>
  app.node.children.filter((c) => c instanceof TerraformStack).map((c) => c.node.id);

describe('buildApp', () => {
  it('constructs every service × environment stack without a selection', () => {
    expect(stackNames(build())).toEqual([
      'alpha-dev',
      'alpha-staging',
      'alpha-prod',
      'beta-dev',
      'beta-staging',
      'beta-prod',
    ]);
  });

  it('constructs only the selected stack', () => {
    const app = build('beta-staging');
    expect(stackNames(app)).toEqual(['beta-staging']);
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, unknown>;
    };
    expect(Object.keys(manifest.stacks)).toEqual(['beta-staging']);
  });

  it('fails with the fix when a service in the topology has no stack module', () => {
    const input = validInput();
    expect(() =>
      build(undefined, { ...input, services: { ...input.services, gamma: { team: 'alpha' } } }),
    ).toThrow(
      /Service "gamma" is in stacks\/topology.ts but .*gamma\/src\/stack.ts does not exist. Create it with "npx nx g @platform\/nx-plugin:service gamma"/,
    );
  });
});

describe("a service stack's byEnvironment() through the app", () => {
  const withService = (name: string): TopologyInput => {
    const input = validInput();
    return { ...input, services: { ...input.services, [name]: { team: 'alpha' } } };
  };

  it("rejects an environment that is not in the topology, naming the stack, the name and the topology's environments", () => {
    expect(() => build('typo-dev', withService('typo'))).toThrow(
      'ServiceStack "typo-dev": byEnvironment() names unknown environment "production". ' +
        'Known environments: dev, staging, prod. Fix the name or add the environment to stacks/topology.ts.',
    );
  });

  it("picks each environment's value, and the fallback for the others", () => {
    const app = build('tuned-*', withService('tuned'));
    const replicas = Object.fromEntries(
      app.node.children.map((c) => [c.node.id, (c as unknown as { replicas: number }).replicas]),
    );
    expect(replicas).toEqual({ 'tuned-dev': 1, 'tuned-staging': 2, 'tuned-prod': 5 });
  });
});

describe('buildApp with bootstrap stacks', () => {
  const repoStacks = join(__dirname, '..');

  it('builds no bootstrap stack unless asked', () => {
    expect(stackNames(build())).not.toContainEqual(expect.stringMatching(/^bootstrap-/));
  });

  it('builds one bootstrap stack per account and region of the repository topology, without any service module', () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined); // suppressed guardrail findings, asserted in bootstrap-stack
    const app = buildApp({
      topology,
      selection: 'bootstrap-*',
      bootstrap: true,
      outdir,
      stacksDir: repoStacks,
      artifactsRoot: outdir,
    });
    const expected = Object.values(topology.accounts).flatMap((a) =>
      a.regions.map((r) => `bootstrap-${a.name}${a.regions.length > 1 ? `-${r}` : ''}`),
    );
    expect(stackNames(app)).toEqual(expected);
    app.synth();
    for (const name of expected) {
      const json = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
      expect(json.terraform.backend.s3.key).toMatch(/^bootstrap\/[a-z0-9-]+\/terraform\.tfstate$/);
      expect(Object.values(json.resource.aws_sns_topic)).toEqual([
        expect.objectContaining({ name: `${topology.organization}-alarms` }),
      ]);
    }
  });

  it("pins each account's deploy role to the GitHub environment that deploys there, and its plan role to pull requests and the drift check on main", () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    buildApp({
      topology,
      selection: 'bootstrap-*',
      bootstrap: true,
      outdir,
      stacksDir: repoStacks,
      artifactsRoot: outdir,
    }).synth();
    const subjects: Record<string, Record<string, string>> = {};
    for (const account of Object.values(topology.accounts)) {
      const json = JSON.parse(
        readFileSync(join(outdir, 'stacks', `bootstrap-${account.name}`, 'cdk.tf.json'), 'utf8'),
      );
      const roles = Object.values(json.resource.aws_iam_role) as {
        name: string;
        assume_role_policy: string;
      }[];
      subjects[account.name] = Object.fromEntries(
        roles.map((r) => [
          r.name,
          JSON.parse(r.assume_role_policy).Statement[0].Condition.StringEquals[
            'token.actions.githubusercontent.com:sub'
          ],
        ]),
      );
    }
    const expected = Object.fromEntries(
      Object.values(topology.teams).flatMap((team) =>
        Object.entries(team.accounts).map(([environment, account]) => [
          account,
          {
            'acme-platform-deploy': `repo:${topology.repository}:environment:${environment}`,
            'acme-platform-deploy-policies': `repo:${topology.repository}:environment:${environment}`,
            'acme-platform-plan': [
              `repo:${topology.repository}:pull_request`,
              `repo:${topology.repository}:ref:refs/heads/main`,
            ],
          },
        ]),
      ),
    );
    expect(subjects).toEqual(expected);
  });

  it('fails with the fix when the bootstrap module is missing', () => {
    expect(() => build('bootstrap-a-dev', validInput())).toThrow(/"bootstrap-a-dev" matches no stack/);
    expect(() =>
      buildApp({
        topology: defineTopology(validInput()),
        selection: 'bootstrap-a-dev',
        bootstrap: true,
        outdir,
        stacksDir,
        artifactsRoot: outdir,
      }),
    ).toThrow(
      /bootstrap\/src\/stack.ts does not exist: it must "export default" a class extending BootstrapStack/,
    );
  });

  it('makes service stacks assume the plan role when asked (PLATFORM_ROLE=plan)', () => {
    const app = buildApp({
      topology: defineTopology(validInput()),
      selection: 'alpha-dev',
      role: 'plan',
      outdir,
      stacksDir,
      artifactsRoot: outdir,
    });
    app.synth();
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'alpha-dev', 'cdk.tf.json'), 'utf8'));
    expect(json.provider.aws[0].assume_role[0].role_arn).toBe(
      'arn:aws:iam::100000000001:role/acme-platform-plan',
    );
  });
});

describe('synthesized backend and provider of each stack', () => {
  const app = (() => {
    const dir = mkdtempSync(join(tmpdir(), 'stacks-synth-'));
    const a = buildApp({
      topology: defineTopology(validInput()),
      outdir: dir,
      stacksDir,
      artifactsRoot: dir,
    });
    a.synth();
    return {
      dir,
      read: (stack: string) => JSON.parse(readFileSync(join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8')),
    };
  })();
  afterAll(() => rmSync(app.dir, { recursive: true, force: true }));

  it.each([
    ['alpha-dev', '100000000001', 'acme-tfstate-100000000001-eu-west-1', 'alpha/dev/terraform.tfstate'],
    ['alpha-prod', '100000000003', 'acme-tfstate-100000000003-eu-west-1', 'alpha/prod/terraform.tfstate'],
    ['beta-staging', '200000000002', 'acme-tfstate-200000000002-eu-west-1', 'beta/staging/terraform.tfstate'],
    ['beta-prod', '200000000003', 'b-prod-state', 'beta/prod/terraform.tfstate'],
  ])('%s: S3 state in its own account with encryption and a lock', (stack, account, bucket, key) => {
    const json = app.read(stack);
    expect(json.terraform.backend.s3).toEqual({
      bucket,
      key,
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
    const [provider] = json.provider.aws;
    expect(provider.allowed_account_ids).toEqual([account]);
    expect(provider.assume_role[0].role_arn).toMatch(new RegExp(`^arn:aws:iam::${account}:role/`));
    expect(provider.region).toBe('eu-west-1');
    expect(provider.default_tags[0].tags).toEqual({
      service: stack.split('-')[0],
      environment: stack.split('-')[1],
      team: stack.split('-')[0],
      repository: 'acme/platform',
      'managed-by': 'cdktf',
    });
  });
});
