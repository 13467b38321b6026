import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAllowed, type PolicyDocument } from '@platform/iam-check';
import { preparePoliciesApply } from '../../src/policiesApply';
import { type Json, resources, synth } from '../helpers';

/*
 * The deploy workflow's first step per environment (README "Later changes"): a targeted apply of
 * each account's deploy policies, run with the policies role. Its inputs, prepared offline.
 */
const work = mkdtempSync(join(tmpdir(), 'policies-apply-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const stacks: Record<string, Json> = {
  'bootstrap-commerce-dev': synth().json,
  'bootstrap-commerce-prod': synth(
    {
      account: 'commerce-prod',
      accountId: '333333333333',
      environment: 'prod',
      stateBuckets: { 'eu-west-1': 'acme-tfstate-333333333333-eu-west-1' },
      deployRoleArn: 'arn:aws:iam::333333333333:role/acme-platform-deploy',
      planRoleArn: 'arn:aws:iam::333333333333:role/acme-platform-plan',
    },
    'bootstrap-commerce-prod',
  ).json,
  // An account no team deploys to: no deploy role.
  'bootstrap-sandbox': synth({ environment: undefined, services: [] }, 'bootstrap-sandbox').json,
};
for (const [name, json] of Object.entries(stacks)) {
  mkdirSync(join(work, 'synth', 'stacks', name), { recursive: true });
  writeFileSync(join(work, 'synth', 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
}
const out = join(work, 'policies');
const [dev] = preparePoliciesApply(join(work, 'synth'), 'dev', out);
const copy = JSON.parse(readFileSync(join(out, 'bootstrap-commerce-dev', 'cdk.tf.json'), 'utf8')) as Json;

describe('preparePoliciesApply', () => {
  it("picks the accounts whose deploy role the environment's jobs assume", () => {
    expect(preparePoliciesApply(join(work, 'synth'), 'prod', out).map((a) => [a.stack, a.roleArn])).toEqual([
      ['bootstrap-commerce-prod', 'arn:aws:iam::333333333333:role/acme-platform-deploy-policies'],
    ]);
    expect([dev.stack, dev.roleArn]).toEqual([
      'bootstrap-commerce-dev',
      'arn:aws:iam::111111111111:role/acme-platform-deploy-policies',
    ]);
  });

  it('targets the deploy policies and their attachments only', () => {
    expect(dev.targets.map((t) => t.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'aws_iam_policy.pipeline_deploy-account-wide',
      'aws_iam_policy.pipeline_deploy-data',
      'aws_iam_policy.pipeline_deploy-functions',
      'aws_iam_policy.pipeline_deploy-messaging',
      'aws_iam_policy.pipeline_deploy-operations',
      'aws_iam_policy.pipeline_deploy-state',
      'aws_iam_role_policy_attachment.pipeline_deploy-account-wide-attachment',
      'aws_iam_role_policy_attachment.pipeline_deploy-data-attachment',
      'aws_iam_role_policy_attachment.pipeline_deploy-functions-attachment',
      'aws_iam_role_policy_attachment.pipeline_deploy-messaging-attachment',
      'aws_iam_role_policy_attachment.pipeline_deploy-operations-attachment',
      'aws_iam_role_policy_attachment.pipeline_deploy-state-attachment',
    ]);
    expect(readFileSync(join(out, 'bootstrap-commerce-dev', 'targets'), 'utf8').split('\n')[0]).toMatch(
      /^-target=aws_iam_policy\.pipeline_deploy-account-wide_[0-9A-F]{8}$/,
    );
  });

  it('writes the stack with a provider that assumes the policies role, in that account only', () => {
    expect(copy.provider.aws[0]).toMatchObject({
      region: 'eu-west-1',
      allowed_account_ids: ['111111111111'],
      assume_role: [
        {
          role_arn: 'arn:aws:iam::111111111111:role/acme-platform-deploy-policies',
          session_name: 'bootstrap-commerce-dev-policies',
        },
      ],
    });
    expect(copy.terraform.backend.s3.key).toBe('bootstrap/eu-west-1/terraform.tfstate');
    expect(copy.resource).toEqual(stacks['bootstrap-commerce-dev'].resource);
  });

  it('refreshes only what the policies role may read: the targets and what they reference', () => {
    const closure = dependencies(copy, dev.targets);
    expect([...new Set(closure.map((a) => a.split('.')[0]))].sort()).toEqual([
      'aws_iam_openid_connect_provider',
      'aws_iam_policy',
      'aws_iam_role',
      'aws_iam_role_policy_attachment',
    ]);
    expect(closure.filter((a) => a.startsWith('aws_iam_role.'))).toEqual([
      expect.stringMatching(/^aws_iam_role\.pipeline_deploy_/),
    ]);
    const rights = resources(copy, 'aws_iam_role_policy')
      .filter((p) => p.name === 'update-deploy-policies')
      .map((p) => JSON.parse(p.policy) as PolicyDocument);
    const reads = [
      ...resources(copy, 'aws_iam_policy')
        .filter((p) => p.name.startsWith('acme-platform-deploy-'))
        .flatMap((p) =>
          ['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions', 'iam:CreatePolicyVersion'].map(
            (action) => ({ action, resource: `arn:aws:iam::111111111111:policy/${p.name}` }),
          ),
        ),
      ...['iam:GetRole', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies'].map((action) => ({
        action,
        resource: 'arn:aws:iam::111111111111:role/acme-platform-deploy',
      })),
      {
        action: 'iam:GetOpenIDConnectProvider',
        resource: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
      },
    ];
    expect(reads.filter((r) => !isAllowed(rights, r))).toEqual([]);
  });

  it("gives the job's credential process the policies role, as it gives service stacks the deploy role", () => {
    // tools/ci/credentials.ts, loaded as the app loads stacks: module boundaries refuse a static
    // import of another project's file.
    const load = (file: string) => require(join(__dirname, '..', '..', '..', '..', file)); // eslint-disable-line @typescript-eslint/no-require-imports -- see above
    const { stackRole } = load('tools/ci/credentials') as { stackRole: (dir: string) => unknown };
    expect(stackRole(dev.dir)).toEqual({
      stack: 'bootstrap-commerce-dev',
      roleArn: 'arn:aws:iam::111111111111:role/acme-platform-deploy-policies',
      region: 'eu-west-1',
    });
  });

  it('fails on an environment no deploy role serves, listing those that exist', () => {
    expect(() => preparePoliciesApply(join(work, 'synth'), 'qa', out)).toThrow(
      /no bootstrap stack .* has a deploy role for environment "qa" \(found: dev, prod\)/i,
    );
  });
});

/** Addresses the targets reference, transitively (what `terraform apply -target` refreshes). */
function dependencies(json: Json, targets: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (address: string) => {
    if (seen.has(address)) return;
    seen.add(address);
    const [type, name] = address.split('.');
    const text = JSON.stringify(json.resource[type][name]);
    for (const [, t, n] of text.matchAll(/\$\{(aws_[a-z0-9_]+)\.([\w-]+)\.\w+\}/g)) visit(`${t}.${n}`);
    for (const d of (json.resource[type][name].depends_on ?? []) as string[]) visit(d);
  };
  targets.forEach(visit);
  return [...seen];
}

describe('the policies-apply command (deploy.yml runs it per environment)', () => {
  const cli = join(__dirname, '..', '..', 'src', 'bin', 'policies-apply.ts');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [require.resolve('tsx/cli'), cli, ...args], { encoding: 'utf8' });

  it('prints each prepared folder with the role that applies it and its number of targets', () => {
    const result = run('prod', join(work, 'synth'));
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout.trim().split('\t')).toEqual([
      join('dist', 'cdktf', 'policies', 'bootstrap-commerce-prod'),
      'arn:aws:iam::333333333333:role/acme-platform-deploy-policies',
      `${preparePoliciesApply(join(work, 'synth'), 'prod', out)[0]!.targets.length} targets`,
    ]);
  });

  it('names its usage when the environment is missing', () => {
    const result = run();
    expect([result.status, result.stderr.trim()]).toEqual([
      2,
      'Usage: npx tsx stacks/bootstrap/src/bin/policies-apply.ts <environment> [synth outdir]',
    ]);
  });
});
