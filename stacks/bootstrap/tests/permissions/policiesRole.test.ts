import { evaluate, isAllowed, type PolicyDocument } from '@platform/iam-check';
import { list, type PolicyStatement, resources, roleNamed, synth } from '../helpers';

/*
 * The policies role: the deploy workflow re-applies the deploy role's policies with it before
 * deploying (README "Later changes"), so a new service deploys with no administrator. It must be
 * able to do exactly that targeted apply, and nothing that widens anything else.
 */
const { json } = synth({ operatorRoleArns: ['arn:aws:iam::111111111111:role/admin'] });
const inline = resources(json, 'aws_iam_role_policy').find((p) => p.name === 'update-deploy-policies')!;
const rights = [JSON.parse(inline.policy) as PolicyDocument];
const iam = (resource: string) => `arn:aws:iam::111111111111:${resource}`;
const STATE = 'arn:aws:s3:::acme-tfstate-111111111111-eu-west-1';
const DEPLOY_ROLE = iam('role/acme-platform-deploy');
const attach = (role: string, policy: string) => ({
  action: 'iam:AttachRolePolicy',
  resource: role,
  context: { 'iam:PolicyARN': policy },
});

describe('Policies role', () => {
  it('is assumable by the same GitHub environment as the deploy role, and holds its rights inline', () => {
    const trust = JSON.parse(roleNamed(json, 'acme-platform-deploy-policies')!.assume_role_policy)
      .Statement as PolicyStatement[];
    expect(trust[0].Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:acme/platform:environment:dev',
      },
    });
    expect(String(inline.role)).toContain('aws_iam_role.pipeline_policies');
    // No managed policy: a managed one named acme-platform-deploy-* would be its own to rewrite.
    expect(
      resources(json, 'aws_iam_role_policy_attachment').filter((a) =>
        String(a.role).includes('pipeline_policies'),
      ),
    ).toEqual([]);
  });

  it("allows the targeted apply of the deploy role's policies: rewrite, create, attach, refresh, state", () => {
    const deployPolicies = resources(json, 'aws_iam_policy')
      .map((p) => p.name as string)
      .filter((n) => n.startsWith('acme-platform-deploy-'));
    expect(deployPolicies.length).toBe(6);
    const requests = [
      ...deployPolicies.flatMap((n) =>
        [
          'iam:GetPolicy',
          'iam:GetPolicyVersion',
          'iam:ListPolicyVersions',
          'iam:CreatePolicyVersion',
          'iam:DeletePolicyVersion',
        ].map((action) => ({ action, resource: iam(`policy/${n}`) })),
      ),
      // A team outgrowing a policy gets a new split, attached to the deploy role.
      { action: 'iam:CreatePolicy', resource: iam('policy/acme-platform-deploy-functions-2') },
      { action: 'iam:TagPolicy', resource: iam('policy/acme-platform-deploy-functions-2') },
      attach(DEPLOY_ROLE, iam('policy/acme-platform-deploy-functions-2')),
      { action: 'iam:GetRole', resource: DEPLOY_ROLE },
      { action: 'iam:ListAttachedRolePolicies', resource: DEPLOY_ROLE },
      {
        action: 'iam:GetOpenIDConnectProvider',
        resource: iam('oidc-provider/token.actions.githubusercontent.com'),
      },
      { action: 's3:ListBucket', resource: STATE },
      // policies-apply's copy of the stack has its provider assume the role the job already holds.
      { action: 'sts:AssumeRole', resource: iam('role/acme-platform-deploy-policies') },
      { action: 's3:GetObject', resource: `${STATE}/bootstrap/eu-west-1/terraform.tfstate` },
      { action: 's3:PutObject', resource: `${STATE}/bootstrap/eu-west-1/terraform.tfstate` },
      { action: 's3:PutObject', resource: `${STATE}/bootstrap/eu-west-1/terraform.tfstate.tflock` },
      { action: 's3:DeleteObject', resource: `${STATE}/bootstrap/eu-west-1/terraform.tfstate.tflock` },
    ];
    expect(requests.filter((r) => !isAllowed(rights, r))).toEqual([]);
  });

  it.each([
    [
      'attach an AWS managed policy to the deploy role',
      attach(DEPLOY_ROLE, 'arn:aws:iam::aws:policy/AdministratorAccess'),
    ],
    [
      'attach a deploy policy to the plan role',
      attach(iam('role/acme-platform-plan'), iam('policy/acme-platform-deploy-functions')),
    ],
    [
      'attach a deploy policy to itself',
      attach(iam('role/acme-platform-deploy-policies'), iam('policy/acme-platform-deploy-functions')),
    ],
    [
      'attach a deploy policy to a service role',
      attach(iam('role/orders-dev-create-order'), iam('policy/acme-platform-deploy-functions')),
    ],
    [
      "rewrite the plan role's policy",
      { action: 'iam:CreatePolicyVersion', resource: iam('policy/acme-platform-plan-state') },
    ],
    [
      'change its own rights',
      { action: 'iam:PutRolePolicy', resource: iam('role/acme-platform-deploy-policies') },
    ],
    ['give the deploy role an inline policy', { action: 'iam:PutRolePolicy', resource: DEPLOY_ROLE }],
    ["change the deploy role's trust", { action: 'iam:UpdateAssumeRolePolicy', resource: DEPLOY_ROLE }],
    ['remove a permissions boundary', { action: 'iam:DeleteRolePermissionsBoundary', resource: DEPLOY_ROLE }],
    [
      "write a service's state",
      { action: 's3:PutObject', resource: `${STATE}/orders/dev/terraform.tfstate` },
    ],
    ['create a role', { action: 'iam:CreateRole', resource: iam('role/orders-dev-x') }],
    ['assume the deploy role', { action: 'sts:AssumeRole', resource: DEPLOY_ROLE }],
  ])('may not %s', (_, request) => {
    expect(evaluate(rights, request)).toBe('implicitDeny');
  });

  it('names only the deploy policies, the deploy role, itself and the bootstrap state, in this account', () => {
    const named = (JSON.parse(inline.policy).Statement as PolicyStatement[]).flatMap((s) => list(s.Resource));
    expect(named).toEqual([
      'arn:aws:iam::111111111111:policy/acme-platform-deploy-*',
      'arn:aws:iam::111111111111:role/acme-platform-deploy',
      'arn:aws:iam::111111111111:role/acme-platform-deploy',
      'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
      'arn:aws:s3:::acme-tfstate-111111111111-eu-west-1',
      'arn:aws:iam::111111111111:role/acme-platform-deploy-policies',
      'arn:aws:s3:::acme-tfstate-111111111111-eu-west-1/bootstrap/eu-west-1/terraform.tfstate',
      'arn:aws:s3:::acme-tfstate-111111111111-eu-west-1/bootstrap/eu-west-1/terraform.tfstate.tflock',
      'arn:aws:s3:::acme-tfstate-111111111111-eu-west-1/bootstrap/eu-west-1/terraform.tfstate.tflock',
    ]);
  });
});
