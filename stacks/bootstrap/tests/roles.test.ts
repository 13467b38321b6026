import { isAllowed } from '@platform/iam-check';
import { list, policyNamed, type PolicyStatement, resources, roleNamed, synth } from './helpers';

describe('BootstrapStack: GitHub OIDC roles', () => {
  const { text, json } = synth({
    operatorRoleArns: [
      'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*',
    ],
  });
  const trust = (role: string) =>
    JSON.parse(roleNamed(json, role)!.assume_role_policy).Statement as PolicyStatement[];

  it('trusts GitHub Actions tokens for sts.amazonaws.com', () => {
    expect(text).toHaveResourceWithProperties(
      { tfResourceType: 'aws_iam_openid_connect_provider' },
      { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] },
    );
  });

  it('lets only this repository in the dev environment assume the deploy role, by exact sub', () => {
    const [github, inAccount] = trust('acme-platform-deploy');
    expect(github).toMatchObject({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:acme/platform:environment:dev',
        },
      },
    });
    expect(Object.keys(github.Condition!)).toEqual(['StringEquals']);
    expect(inAccount).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
      Action: 'sts:AssumeRole',
      Condition: {
        ArnLike: {
          'aws:PrincipalArn': [
            'arn:aws:iam::111111111111:role/acme-platform-deploy',
            'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*',
          ],
        },
      },
    });
  });

  it("lets only this repository's pull requests and its drift check on main assume the plan role, read-only", () => {
    const [github, inAccount] = trust('acme-platform-plan');
    expect(github.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': [
          'repo:acme/platform:pull_request',
          'repo:acme/platform:ref:refs/heads/main',
        ],
      },
    });
    expect(inAccount.Condition!.ArnLike['aws:PrincipalArn'][0]).toBe(
      'arn:aws:iam::111111111111:role/acme-platform-plan',
    );
    // Its own customer managed policies only (PLAT-IAM-3): state, and the reads of DEPLOY_PERMISSIONS by area.
    expect(
      resources(json, 'aws_iam_role_policy_attachment')
        .filter((a) => String(a.role).includes('aws_iam_role.pipeline_plan'))
        .map((a) => String(a.policy_arn).replace(/_\w+\.arn\}$/, ''))
        .sort(),
    ).toEqual(
      ['account-wide', 'data', 'functions', 'messaging', 'operations', 'state'].map(
        (area) => `\${aws_iam_policy.pipeline_plan-${area}`,
      ),
    );
    expect(
      resources(json, 'aws_iam_role_policy').filter((p) =>
        String(p.role).includes('aws_iam_role.pipeline_plan'),
      ),
    ).toEqual([]);
    expect(roleNamed(json, 'acme-platform-plan')!.inline_policy).toBeUndefined();
    const statements = policyNamed(json, 'acme-platform-plan-state');
    expect(statements.flatMap((s) => list(s.Action)).sort()).toEqual([
      's3:GetObject',
      's3:ListBucket',
      'sts:AssumeRole',
    ]);
    // Any service of the environment: a new service's first pull request plans before its names reach a role.
    expect(statements.find((s) => s.Sid === 'ReadServiceState')!.Resource).toEqual([
      'arn:aws:s3:::acme-tfstate-111111111111-eu-west-1/*/dev/*',
    ]);
    expect(list(policyNamed(json, 'acme-platform-plan-functions')[0].Resource)).toEqual([
      'arn:aws:lambda:eu-west-1:111111111111:function:*-dev-*',
    ]);
  });

  it("gives the deploy role its services' state keys and names only", () => {
    const byArea = Object.fromEntries(
      ['state', 'functions', 'messaging', 'operations'].map((area) => [
        area,
        policyNamed(json, `acme-platform-deploy-${area}`),
      ]),
    );
    const resourcesOf = (area: string, sid: string) =>
      list(byArea[area].find((s: PolicyStatement) => s.Sid === sid)!.Resource);
    expect(resourcesOf('state', 'ReadWriteServiceState')).toEqual([
      'arn:aws:s3:::acme-tfstate-111111111111-eu-west-1/orders/dev/*',
    ]);
    expect(resourcesOf('functions', 'ManageFunctions')).toEqual([
      'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*',
    ]);
    expect(resourcesOf('functions', 'ManageServiceRoles')).toEqual([
      'arn:aws:iam::111111111111:role/orders-dev-*',
    ]);
    expect(resourcesOf('messaging', 'ManageQueues')).toEqual([
      'arn:aws:sqs:eu-west-1:111111111111:orders-dev-*',
    ]);
    expect(resourcesOf('operations', 'ManageAlarms')).toEqual([
      'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:orders-dev-*',
    ]);
    expect(resourcesOf('operations', 'ManageSettings')).toEqual([
      'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/*',
    ]);
    expect(byArea.functions.find((s: PolicyStatement) => s.Sid === 'PassServiceRoles')!.Condition).toEqual({
      StringEquals: {
        'iam:PassedToService': [
          'lambda.amazonaws.com',
          'scheduler.amazonaws.com',
          'codedeploy.amazonaws.com',
        ],
      },
    });
  });

  it('lets the deploy role run the traffic shift after a deploy, on its own services only', () => {
    const policies = resources(json, 'aws_iam_policy')
      .filter((p) => p.name.startsWith('acme-platform-deploy-'))
      .map((p) => JSON.parse(p.policy));
    const allowed = (action: string, resource: string) => isAllowed(policies, { action, resource });
    const group = 'arn:aws:codedeploy:eu-west-1:111111111111:deploymentgroup:orders-dev-api/live';
    const calls: [string, string][] = [
      ['lambda:GetAlias', 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-api:live'],
      ['codedeploy:ListDeployments', group],
      ['codedeploy:CreateDeployment', group],
      ['codedeploy:GetDeployment', group],
      // StopDeployment names no resource IAM can scope (a deployment ID only): granted on "*".
      ['codedeploy:StopDeployment', '*'],
      [
        'codedeploy:GetDeploymentConfig',
        'arn:aws:codedeploy:eu-west-1:111111111111:deploymentconfig:CodeDeployDefault.LambdaCanary10Percent5Minutes',
      ],
      [
        'codedeploy:RegisterApplicationRevision',
        'arn:aws:codedeploy:eu-west-1:111111111111:application:orders-dev-api',
      ],
    ];
    expect(calls.filter(([action, resource]) => !allowed(action, resource))).toEqual([]);
    // Another team's service, or another environment's: not allowed.
    expect(allowed('codedeploy:CreateDeployment', group.replace('orders-dev-', 'reports-dev-'))).toBe(false);
    expect(allowed('codedeploy:CreateDeployment', group.replace('orders-dev-', 'orders-prod-'))).toBe(false);
  });

  it('grants no wildcard action, and "*" resources only in the account-wide policy', () => {
    const deploy = resources(json, 'aws_iam_policy').filter((p) =>
      p.name.startsWith('acme-platform-deploy-'),
    );
    expect(deploy.map((p) => p.name).sort()).toEqual([
      'acme-platform-deploy-account-wide',
      'acme-platform-deploy-data',
      'acme-platform-deploy-functions',
      'acme-platform-deploy-messaging',
      'acme-platform-deploy-operations',
      'acme-platform-deploy-state',
    ]);
    for (const policy of deploy) {
      const statements = JSON.parse(policy.policy).Statement as PolicyStatement[];
      expect(
        statements.flatMap((s) => list(s.Action)).filter((a) => a === '*' || /^[\w-]+:\*$/.test(a)),
      ).toEqual([]);
      const unscoped = statements.filter((s) => list(s.Resource).includes('*')).map((s) => s.Sid);
      if (policy.name !== 'acme-platform-deploy-account-wide') expect(unscoped).toEqual([]);
    }
    expect(
      policyNamed(json, 'acme-platform-deploy-account-wide').find((s) => s.Sid === 'ManageHttpApis')!
        .Resource,
    ).toEqual([
      'arn:aws:apigateway:eu-west-1::/apis',
      'arn:aws:apigateway:eu-west-1::/apis/*',
      'arn:aws:apigateway:eu-west-1::/tags/*',
    ]);
    const createMappings = policyNamed(json, 'acme-platform-deploy-account-wide').find(
      (s) => s.Sid === 'CreateEventSourceMappings',
    )!;
    expect(createMappings.Condition).toEqual({
      StringLike: { 'lambda:FunctionArn': ['arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*'] },
    });
  });

  it("splits a deploy policy by service when a team outgrows IAM's policy size", () => {
    const services = Array.from({ length: 30 }, (_, i) => ({
      name: `service-name-${i}`,
      regions: ['eu-west-1'],
    }));
    const { json } = synth({ services });
    const deploy = resources(json, 'aws_iam_policy').filter((p) =>
      p.name.startsWith('acme-platform-deploy-'),
    );
    expect(deploy.map((p) => p.name)).toEqual(
      expect.arrayContaining(['acme-platform-deploy-functions', 'acme-platform-deploy-functions-2']),
    );
    expect(Math.max(...deploy.map((p) => p.policy.length))).toBeLessThanOrEqual(6144);
    const scoped = deploy.flatMap((p) =>
      (JSON.parse(p.policy).Statement as PolicyStatement[])
        .filter((st) => st.Sid === 'ManageFunctions')
        .flatMap((st) => list(st.Resource)),
    );
    expect(scoped).toHaveLength(30);
    // Every customer managed policy (deploy and plan) is attached once, and nothing else is.
    expect(resources(json, 'aws_iam_role_policy_attachment').length).toBe(
      resources(json, 'aws_iam_policy').length,
    );
  });

  it('fails with the fix when the deploy role would need more policies than IAM attaches', () => {
    const services = Array.from({ length: 90 }, (_, i) => ({
      name: `service-name-${i}`,
      regions: ['eu-west-1'],
    }));
    expect(() => synth({ services })).toThrow(
      /needs \d+ managed policies for 90 services; IAM attaches at most 20 to a role/,
    );
  });
});
