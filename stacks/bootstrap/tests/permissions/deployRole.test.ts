import { evaluate, isAllowed, SynthesizedStack } from '@platform/iam-check';
import { type DeployRequest, deployRequests, renamed, undeclaredTypes } from './requests';
import { type Deployment, fixtureDeployment, topologyDeployments } from './world';

/*
 * The deploy role against what it deploys: every construct (the every-construct fixture) and every
 * service stack of the topology, each with the deploy role its account's bootstrap stack creates.
 */
const deployments: Deployment[] = [fixtureDeployment(), ...topologyDeployments()];
const requestsOf = (d: Deployment) => d.stack.resources().flatMap((r) => deployRequests(d.stack, r));
const render = (r: DeployRequest) => `${r.for}: ${r.action} on ${r.resource}`;

/**
 * Targets IAM cannot scope to a service: the account-wide policy's, and mappings' reads (random IDs);
 * and the other services' topics a service subscribes to, named by their producer (checked below).
 */
const UNSCOPED = new Set(['account', 'httpApi', 'deploymentConfig', 'key', 'consumedTopic']);
const scopedByName = (r: DeployRequest) =>
  !UNSCOPED.has(r.target) && !(r.target === 'eventSourceMapping' && !r.context);

describe('Deploy role: the resource types it may deploy', () => {
  it('synthesizes the stacks it checks: the fixture and every service stack of every environment', () => {
    expect(deployments.map((d) => d.name)).toEqual([
      'orders-dev (every construct)',
      'orders-dev',
      'orders-staging',
      'orders-prod',
      'reports-dev',
      'reports-staging',
      'reports-prod',
    ]);
  });

  it.each(deployments.map((d) => [d.name, d] as const))('declares every resource type %s holds', (_, d) => {
    expect(undeclaredTypes(d.stack)).toEqual([]);
  });

  it('names the resource types a stack holds that the table does not declare', () => {
    const stack = new SynthesizedStack({
      provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111111111111'] }] },
      resource: {
        aws_sqs_queue: { q: { name: 'orders-dev-q' } },
        aws_sns_topic: { t: { name: 'orders-dev-t' } },
        aws_kinesis_stream: { s: { name: 'orders-dev-s' } },
        aws_sns_platform_application: { p: { name: 'orders-dev-p' } },
      },
    });
    expect(undeclaredTypes(stack)).toEqual(['aws_kinesis_stream', 'aws_sns_platform_application']);
  });

  it('covers the every-construct fixture with these resource types', () => {
    expect(deployments[0].stack.resourceTypes()).toEqual([
      'aws_apigatewayv2_api',
      'aws_apigatewayv2_integration',
      'aws_apigatewayv2_route',
      'aws_apigatewayv2_stage',
      'aws_cloudwatch_dashboard',
      'aws_cloudwatch_log_group',
      'aws_cloudwatch_metric_alarm',
      'aws_codedeploy_app',
      'aws_codedeploy_deployment_group',
      'aws_dynamodb_table',
      'aws_iam_role',
      'aws_iam_role_policy',
      'aws_lambda_alias',
      'aws_lambda_event_source_mapping',
      'aws_lambda_function',
      'aws_lambda_function_event_invoke_config',
      'aws_lambda_permission',
      'aws_lambda_provisioned_concurrency_config',
      'aws_scheduler_schedule',
      'aws_sqs_queue',
      'aws_sqs_queue_policy',
      'aws_sqs_queue_redrive_allow_policy',
      'aws_ssm_parameter',
    ]);
  });
});

describe('Deploy role: every required action on every synthesized resource', () => {
  it.each(deployments.map((d) => [d.name, d] as const))('allows each one for %s', (_, d) => {
    const requests = requestsOf(d);
    expect(requests.length).toBeGreaterThan(100);
    expect(requests.filter((r) => !isAllowed(d.deployPolicies, r)).map(render)).toEqual([]);
  });

  it.each(deployments.map((d) => [d.name, d] as const))(
    "denies each one on another team's service, and on another environment, for %s",
    (_, d) => {
      const scoped = requestsOf(d).filter(scopedByName);
      const otherEnvironment = d.environment === 'prod' ? 'dev' : 'prod';
      const reachable = scoped.flatMap((r) =>
        [
          renamed(r, [d.service, d.environment], [d.sibling, d.environment]),
          renamed(r, [d.service, d.environment], [d.service, otherEnvironment]),
        ].filter((other) => isAllowed(d.deployPolicies, other)),
      );
      expect(reachable.map(render)).toEqual([]);
    },
  );

  it('checks the deployment config and HTTP API grants account-wide only, as their names are not the service’s', () => {
    const targets = new Set(
      requestsOf(deployments[0])
        .filter((r) => !scopedByName(r))
        .map((r) => r.target),
    );
    expect([...targets].sort()).toEqual(['account', 'deploymentConfig', 'eventSourceMapping', 'httpApi']);
  });

  it('subscribes to exactly the topics of other accounts its services consume, declared in the topology', () => {
    const reports = deployments.find((d) => d.name === 'reports-dev')!;
    const subscribe = requestsOf(reports).find((r) => r.action === 'sns:Subscribe')!;
    expect(subscribe).toEqual({
      for: expect.stringMatching(/^aws_sns_topic_subscription\./),
      target: 'consumedTopic',
      action: 'sns:Subscribe',
      resource: 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted',
    });
    expect(isAllowed(reports.deployPolicies, subscribe)).toBe(true);
    const elsewhere = [
      'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-rejected',
      'arn:aws:sns:eu-west-1:222222222222:orders-staging-order-accepted',
      'arn:aws:sns:eu-west-1:111111111111:payments-dev-order-accepted',
    ].map((resource) => isAllowed(reports.deployPolicies, { ...subscribe, resource }));
    expect(elsewhere).toEqual([false, false, false]);
  });

  it('creates event source mappings only for the service’s own functions', () => {
    const [fixture] = deployments;
    const create = requestsOf(fixture).find((r) => r.action === 'lambda:CreateEventSourceMapping')!;
    expect(create).toEqual({
      for: expect.stringMatching(/^aws_lambda_event_source_mapping\./),
      target: 'account',
      action: 'lambda:CreateEventSourceMapping',
      resource: '*',
      context: {
        'lambda:FunctionArn': 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-process-orders:live',
      },
    });
    expect(isAllowed(fixture.deployPolicies, create)).toBe(true);
    expect(isAllowed(fixture.deployPolicies, renamed(create, ['orders', 'dev'], ['reports', 'dev']))).toBe(
      false,
    );
  });
});

describe('Deploy role: roles outside the services’ names', () => {
  const [fixture] = deployments;
  const role = (path: string) => `arn:aws:iam::111111111111:role/${path}`;
  const ROLE_WRITES = [
    'iam:PutRolePolicy',
    'iam:UpdateAssumeRolePolicy',
    'iam:DeleteRole',
    'iam:AttachRolePolicy',
    'iam:CreateRole',
  ];

  it.each([
    ['itself', fixture.deployRoleArn],
    ['the plan role', fixture.planRoleArn],
    ['a role under another path', role('admin/orders-dev-create-order')],
    ['an administrator role', role('aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_1')],
    ["another team's service role", role('reports-dev-record-sale')],
    ["another environment's service role", role('orders-prod-create-order')],
  ])('may neither change nor pass %s', (_, arn) => {
    const decisions = [...ROLE_WRITES, 'iam:PassRole'].map((action) =>
      evaluate(fixture.deployPolicies, {
        action,
        resource: arn,
        context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
      }),
    );
    expect(decisions).toEqual(new Array(6).fill('implicitDeny'));
  });

  it('passes its services’ roles only to Lambda, Scheduler and CodeDeploy', () => {
    const pass = (service: string) =>
      isAllowed(fixture.deployPolicies, {
        action: 'iam:PassRole',
        resource: role('orders-dev-create-order'),
        context: { 'iam:PassedToService': service },
      });
    expect(
      ['lambda', 'scheduler', 'codedeploy', 'ec2', 'events', 'glue'].map((s) => pass(`${s}.amazonaws.com`)),
    ).toEqual([true, true, true, false, false, false]);
  });

  it('may not attach managed policies to its services’ roles (no construct does)', () => {
    expect(
      isAllowed(fixture.deployPolicies, {
        action: 'iam:AttachRolePolicy',
        resource: role('orders-dev-create-order'),
      }),
    ).toBe(false);
  });
});
