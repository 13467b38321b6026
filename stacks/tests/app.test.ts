import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import { buildApp } from '../lib/app';
import { defineTopology, type TopologyInput } from '../lib/topology';
import { validInput } from './fixtures/topology';

const stacksDir = join(__dirname, 'fixtures', 'stacks');
let outdir: string;
beforeEach(() => {
  outdir = mkdtempSync(join(tmpdir(), 'stacks-test-'));
});
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

const build = (selection?: string, input: TopologyInput = validInput()) =>
  buildApp({ topology: defineTopology(input), selection, outdir, stacksDir, artifactsRoot: join(outdir, 'artifacts') });
const stackNames = (app: ReturnType<typeof build>) =>
  app.node.children.filter((c) => c instanceof TerraformStack).map((c) => c.node.id);

describe('buildApp', () => {
  it('constructs every service × environment stack without a selection', () => {
    expect(stackNames(build())).toEqual(['alpha-dev', 'alpha-staging', 'alpha-prod', 'beta-dev', 'beta-staging', 'beta-prod']);
  });

  it('constructs only the selected stack', () => {
    const app = build('beta-staging');
    expect(stackNames(app)).toEqual(['beta-staging']);
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks)).toEqual(['beta-staging']);
  });

  it('fails with the fix when a service in the topology has no stack module', () => {
    const input = validInput();
    expect(() => build(undefined, { ...input, services: { ...input.services, gamma: { team: 'alpha' } } })).toThrow(
      /Service "gamma" is in stacks\/topology.ts but .*gamma\/src\/stack.ts does not exist. Create it with "npx nx g @platform\/nx-plugin:service gamma"/,
    );
  });
});

describe('synthesized backend and provider of each stack', () => {
  const app = (() => {
    const dir = mkdtempSync(join(tmpdir(), 'stacks-synth-'));
    const a = buildApp({ topology: defineTopology(validInput()), outdir: dir, stacksDir, artifactsRoot: dir });
    a.synth();
    return { dir, read: (stack: string) => JSON.parse(readFileSync(join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) };
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
