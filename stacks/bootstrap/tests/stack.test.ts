import { App, Testing } from 'cdktf';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { GuardrailViolationError } from '@platform/constructs';
import BootstrapStack from '../src/stack';
import type { BootstrapStackConfig } from '../src/types';
import { config, policyNamed, type PolicyStatement, quietly, resources, roleNamed, synth } from './helpers';

describe('BootstrapStack: alarms and budget', () => {
  const { text, json } = synth();

  it('creates the alarm topic under the name service stacks reference', () => {
    expect(text).toHaveResourceWithProperties({ tfResourceType: 'aws_sns_topic' }, { name: 'acme-alarms' });
    const [topicPolicy] = resources(json, 'aws_sns_topic_policy');
    const statements = JSON.parse(topicPolicy.policy).Statement as PolicyStatement[];
    expect(statements.map((s) => [s.Principal, s.Action, s.Resource])).toEqual([
      [
        { Service: 'cloudwatch.amazonaws.com' },
        'sns:Publish',
        'arn:aws:sns:eu-west-1:111111111111:acme-alarms',
      ],
      [
        { Service: 'costalerts.amazonaws.com' },
        'sns:Publish',
        'arn:aws:sns:eu-west-1:111111111111:acme-alarms',
      ],
      [{ Service: 'budgets.amazonaws.com' }, 'sns:Publish', 'arn:aws:sns:eu-west-1:111111111111:acme-alarms'],
    ]);
    expect(statements.every((s) => s.Condition!.StringEquals['aws:SourceAccount'] === '111111111111')).toBe(
      true,
    );
  });

  it('alerts the topic at 80 % actual and 100 % forecasted spend of the monthly budget', () => {
    expect(text).toHaveResourceWithProperties(
      { tfResourceType: 'aws_budgets_budget' },
      {
        budget_type: 'COST',
        limit_amount: '250',
        limit_unit: 'USD',
        time_unit: 'MONTHLY',
        notification: [
          expect.objectContaining({
            notification_type: 'ACTUAL',
            threshold: 80,
            threshold_type: 'PERCENTAGE',
            comparison_operator: 'GREATER_THAN',
          }),
          expect.objectContaining({
            notification_type: 'FORECASTED',
            threshold: 100,
            threshold_type: 'PERCENTAGE',
          }),
        ],
      },
    );
    const [budget] = resources(json, 'aws_budgets_budget');
    expect(budget.notification[0].subscriber_sns_topic_arns).toEqual([
      expect.stringContaining('aws_sns_topic.alarms_topic'),
    ]);
  });
});

describe('BootstrapStack: accounts and regions', () => {
  it("puts IAM and the budget only in the account's first region", () => {
    const { json } = synth(
      {
        region: 'us-east-1',
        primary: false,
        stateBuckets: {
          'eu-west-1': 'acme-tfstate-111111111111-eu-west-1',
          'us-east-1': 'acme-tfstate-111111111111-us-east-1',
        },
        stateKey: 'bootstrap/us-east-1/terraform.tfstate',
      },
      'bootstrap-commerce-dev-us-east-1',
    );
    expect(Object.keys(json.resource).sort()).toEqual([
      'aws_s3_bucket',
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_policy',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_versioning',
      'aws_sns_topic',
      'aws_sns_topic_policy',
      'aws_sns_topic_subscription',
    ]);
    expect(json.terraform.backend.s3).toMatchObject({
      bucket: 'acme-tfstate-111111111111-us-east-1',
      key: 'bootstrap/us-east-1/terraform.tfstate',
    });
  });

  it('scopes a multi-region service in each of its regions', () => {
    const { json } = synth({
      stateBuckets: { 'eu-west-1': 'state-eu', 'us-east-1': 'state-us' },
      services: [{ name: 'orders', regions: ['eu-west-1', 'us-east-1'] }],
    });
    const functions = policyNamed(json, 'acme-platform-deploy-functions').find(
      (s) => s.Sid === 'ManageFunctions',
    )!;
    expect(functions.Resource).toEqual([
      'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*',
      'arn:aws:lambda:us-east-1:111111111111:function:orders-dev-*',
    ]);
    const state = policyNamed(json, 'acme-platform-deploy-state').find(
      (s) => s.Sid === 'ReadWriteServiceState',
    )!;
    expect(state.Resource).toEqual([
      'arn:aws:s3:::state-eu/orders/dev/*',
      'arn:aws:s3:::state-us/orders/dev/*',
    ]);
  });

  it('gives a team without services a deploy role with no service rights yet, and a plan role that reads its first one', () => {
    const { json } = synth({ services: [] });
    expect(roleNamed(json, 'acme-platform-deploy')).toBeDefined();
    expect(
      resources(json, 'aws_iam_policy')
        .map((p) => p.name)
        .sort(),
    ).toEqual([
      'acme-platform-deploy-state',
      'acme-platform-plan-account-wide',
      'acme-platform-plan-data',
      'acme-platform-plan-functions',
      'acme-platform-plan-messaging',
      'acme-platform-plan-operations',
      'acme-platform-plan-state',
    ]);
  });

  it('creates no deploy role for an account no team deploys to', () => {
    const { json } = synth({ environment: undefined, services: [] });
    expect(roleNamed(json, 'acme-platform-deploy')).toBeUndefined();
    expect(roleNamed(json, 'acme-platform-plan')).toBeDefined();
  });

  it('keeps a custom role path', () => {
    const { json } = synth({ deployRoleArn: 'arn:aws:iam::111111111111:role/ci/deployer' });
    expect(roleNamed(json, 'deployer')).toMatchObject({ path: '/ci/' });
    expect(resources(json, 'aws_iam_policy').find((p) => p.name === 'deployer-functions')).toMatchObject({
      path: '/ci/',
    });
  });
});

describe('BootstrapStack: guardrails and errors', () => {
  it('justifies each wildcard of the pipeline roles where it stands, and lists each accepted one once', () => {
    const { warnings } = synth();
    const accepted = warnings.map((w) =>
      /^\[guardrails\] bootstrap-commerce-dev: (PLAT-[A-Z]+-\d) suppressed on aws_iam_\w+\.pipeline_([\w-]+?)_[0-9A-F]{8} \(.*?\) for (.*?): (.*)$/.exec(
        w,
      ),
    );
    expect(accepted.filter((m) => !m)).toEqual([]);
    const byPolicy = accepted.map((m) => [m![2], m![1], m![3].split(', ')] as const);
    // No PLAT-IAM-2 suppression: the account-wide actions take only "*" (Service Authorization Reference).
    expect([...new Set(byPolicy.map(([, rule]) => rule))]).toEqual(['PLAT-IAM-4']);
    // One line per reason: HTTP API IDs, and KMS key IDs (the topics' keys), are random.
    expect(
      byPolicy
        .filter(([policy]) => policy === 'deploy-account-wide')
        .map(([, rule, values]) => [rule, values]),
    ).toEqual(
      expect.arrayContaining([
        [
          'PLAT-IAM-4',
          [
            'Resource::arn:aws:apigateway:eu-west-1::/apis/*',
            'Resource::arn:aws:apigateway:eu-west-1::/tags/*',
          ],
        ],
        ['PLAT-IAM-4', ['Resource::arn:aws:kms:eu-west-1:111111111111:key/*']],
      ]),
    );
    expect(byPolicy.find(([policy]) => policy === 'policies-rights')).toEqual([
      'policies-rights',
      'PLAT-IAM-4',
      ['Resource::arn:aws:iam::111111111111:policy/acme-platform-deploy-*'],
    ]);
    // Each accepted pattern once per policy.
    for (const policy of new Set(byPolicy.map(([p]) => p))) {
      const values = byPolicy.filter(([p]) => p === policy).flatMap(([, , v]) => v);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('runs the platform guardrails at synth', () => {
    const stack = new BootstrapStack(Testing.app() as App, 'bootstrap-commerce-dev', config());
    new IamPolicy(stack, 'too-broad', {
      name: 'too-broad',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
      }),
    });
    expect(() => quietly(() => Testing.synth(stack))).toThrow(GuardrailViolationError);
    expect(() => quietly(() => Testing.synth(stack))).toThrow(/PLAT-IAM-1/);
  });

  it.each([
    [{ accountId: '1234' }, /accountId "1234" is not valid. An AWS account ID is exactly 12 digits/],
    [
      { stateKey: 'orders/dev/terraform.tfstate' },
      /stateKey "orders\/dev\/terraform.tfstate" is not valid. Use "bootstrap\/eu-west-1\/terraform.tfstate"/,
    ],
    [{ region: 'us-east-1' }, /region "us-east-1" is not valid. Add a state bucket for it/],
    [
      { planRoleArn: 'arn:aws:iam::999999999999:role/plan' },
      /planRoleArn .* Use a role of account 111111111111/,
    ],
    [{ monthlyBudgetUsd: 0 }, /monthlyBudgetUsd 0 is not valid/],
  ])('rejects %o with the fix', (overrides, message) => {
    expect(() => synth(overrides as Partial<BootstrapStackConfig>)).toThrow(message);
  });
});
