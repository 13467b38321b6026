import { Testing } from 'cdktf';
import { policy, resourceWith, resourcesOf, testFunction, testStack } from '../helpers';

describe('Class: TrafficShifting', () => {
  const stack = testStack();
  testFunction(stack, 'api', { trafficShifting: {} });
  const synthesized = Testing.synth(stack);
  const json = JSON.parse(synthesized);

  it('creates a CodeDeploy Lambda application and a canary deployment group that rolls back on the alarms', () => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_codedeploy_app' },
      { name: 'orders-dev-api', compute_platform: 'Lambda' },
    );
    const group = resourcesOf(json, 'aws_codedeploy_deployment_group')[0];
    expect(group).toMatchObject({
      deployment_group_name: 'live',
      deployment_config_name: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      deployment_style: { deployment_type: 'BLUE_GREEN', deployment_option: 'WITH_TRAFFIC_CONTROL' },
      auto_rollback_configuration: {
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
      },
      alarm_configuration: { enabled: true },
    });
    expect(group.alarm_configuration.alarms).toEqual(
      ['errors', 'throttles', 'duration', 'error-rate'].map((a) =>
        expect.stringMatching(
          new RegExp(`^\\$\\{aws_cloudwatch_metric_alarm\\.api_${a}-alarm_\\w+\\.alarm_name\\}$`),
        ),
      ),
    );
  });

  it('gives CodeDeploy a role scoped to the live alias and the function alarms', () => {
    const role = resourceWith(json, 'aws_iam_role', (r) => r.name === 'orders-dev-api-deploy');
    expect(policy(role.assume_role_policy).Statement[0].Principal).toEqual({
      Service: 'codedeploy.amazonaws.com',
    });
    const shift = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'shift-live-alias');
    expect(policy(shift.policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
        Resource: 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-api:live',
      },
      {
        Effect: 'Allow',
        Action: 'cloudwatch:DescribeAlarms',
        Resource: ['errors', 'throttles', 'duration-p99', 'error-rate'].map(
          (a) => `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:orders-dev-api-${a}`,
        ),
      },
    ]);
  });

  it('leaves the alias version to CodeDeploy and outputs what a deployment needs', () => {
    expect(resourcesOf(json, 'aws_lambda_alias')[0].lifecycle).toEqual({
      ignore_changes: ['function_version', 'routing_config'],
    });
    const output = (json.output as Record<string, { value: Record<string, string> }>)['api-deployment'];
    expect(output.value).toEqual({
      application: expect.stringMatching(
        /^\$\{aws_codedeploy_app\.api_traffic-shifting_application_\w+\.name\}$/,
      ),
      deploymentGroup: expect.stringMatching(
        /^\$\{aws_codedeploy_deployment_group\.\S+\.deployment_group_name\}$/,
      ),
      functionName: 'orders-dev-api',
      alias: expect.stringMatching(/^\$\{aws_lambda_alias\.api_live_\w+\.name\}$/),
      targetVersion: expect.stringMatching(/^\$\{aws_lambda_function\.api_function_\w+\.version\}$/),
      deploymentConfig: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
    });
  });

  it('takes another deployment config', () => {
    const other = testStack();
    testFunction(other, 'api', {
      trafficShifting: { deploymentConfig: 'LambdaLinear10PercentEvery1Minute' },
    });

    expect(Testing.synth(other)).toHaveResourceWithProperties(
      { tfResourceType: 'aws_codedeploy_deployment_group' },
      { deployment_config_name: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute' },
    );
  });

  it.each([
    [
      { trafficShifting: { deploymentConfig: 'Fast' as 'LambdaAllAtOnce' } },
      /Function "api": trafficShifting.deploymentConfig "Fast" is not allowed/,
    ],
    [
      {
        trafficShifting: {},
        alarms: { errors: false, throttles: false, durationShareOfTimeout: false, errorRate: false },
      } as const,
      /trafficShifting needs at least one alarm to roll back on/,
    ],
  ])('rejects %j', (props, message) => {
    expect(() => testFunction(testStack(), 'api', props)).toThrow(message);
  });

  it('rejects an id too long for the CodeDeploy role name', () => {
    expect(() => testFunction(testStack(), 'a'.repeat(50), { trafficShifting: {} })).toThrow(
      /the CodeDeploy role name "orders-dev-a+-deploy" is 68 characters; AWS allows at most 64/,
    );
  });
});
