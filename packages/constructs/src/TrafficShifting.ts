import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { CodedeployApp } from '@cdktf/provider-aws/lib/codedeploy-app';
import { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { arn, functionArn } from './arns';
import { invalidChoice, trafficShiftingWithoutAlarms } from './errors';
import { allow, assumeRolePolicy, policyDocument } from './iam';
import {
  DEPLOYMENT_CONFIGS,
  type DeploymentConfig,
  type FunctionParts,
  type TrafficShiftingOptions,
} from './functionParts';
import { LIVE_ALIAS, NAME_LIMITS, checkedName } from './names';

export const DEFAULT_DEPLOYMENT_CONFIG: DeploymentConfig = 'LambdaCanary10Percent5Minutes';

/**
 * CodeDeploy traffic shifting for the function's `live` alias: an application, a deployment group
 * that rolls back when any of the function's alarms fires, and its service role (scoped to this
 * alias and these alarms). Terraform publishes each new version but leaves the alias to CodeDeploy
 * (ServiceFunction sets `ignore_changes` on its version and routing); after `cdktf deploy`,
 * `tools/ci/traffic-shift.ts` reads the `<function id>-deployment` output and starts a CodeDeploy
 * deployment from the alias's version to `targetVersion`, then waits for it (docs/constructs.md).
 */
export class TrafficShifting extends Construct {
  readonly application: CodedeployApp;
  readonly deploymentGroup: CodedeployDeploymentGroup;
  readonly role: IamRole;

  /**
   * @param alarms the function's alarms: `names` (literal) scope the role, `references` make the
   * deployment group depend on the alarms.
   */
  constructor(
    fn: FunctionParts,
    id: string,
    options: TrafficShiftingOptions,
    alarms: { readonly names: readonly string[]; readonly references: readonly string[] },
  ) {
    super(fn, id);
    const construct = `Function "${fn.node.id}"`;
    const config = options.deploymentConfig ?? DEFAULT_DEPLOYMENT_CONFIG;
    if (!DEPLOYMENT_CONFIGS.includes(config))
      throw invalidChoice(construct, 'trafficShifting.deploymentConfig', config, DEPLOYMENT_CONFIGS);
    if (alarms.names.length === 0) throw trafficShiftingWithoutAlarms(construct);
    const roleName = checkedName(
      construct,
      'CodeDeploy role name',
      `${fn.functionName}-deploy`,
      NAME_LIMITS.iamRole,
      fn.stack.namePrefix,
    );
    const ctx = fn.stack.config;

    this.application = new CodedeployApp(this, 'application', {
      name: fn.functionName,
      computePlatform: 'Lambda',
    });
    this.role = new IamRole(this, 'role', {
      name: roleName,
      assumeRolePolicy: assumeRolePolicy('codedeploy.amazonaws.com'),
    });
    new IamRolePolicy(this, 'policy', {
      role: this.role.name,
      name: 'shift-live-alias',
      policy: policyDocument([
        allow(
          ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
          [functionArn(ctx, fn.functionName, LIVE_ALIAS)],
        ),
        allow(
          ['cloudwatch:DescribeAlarms'],
          alarms.names.map((name) => arn(ctx, 'cloudwatch', `alarm:${name}`)),
        ),
      ]),
    });
    this.deploymentGroup = new CodedeployDeploymentGroup(this, 'group', {
      appName: this.application.name,
      deploymentGroupName: 'live',
      serviceRoleArn: this.role.arn,
      deploymentConfigName: `CodeDeployDefault.${config}`,
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      autoRollbackConfiguration: {
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
      },
      alarmConfiguration: { enabled: true, alarms: [...alarms.references] },
    });
    const output = new TerraformOutput(this, 'deployment', {
      description: `CodeDeploy input for ${fn.functionName}: deploy targetVersion to the live alias`,
      value: {
        application: this.application.name,
        deploymentGroup: this.deploymentGroup.deploymentGroupName,
        functionName: fn.functionName,
        alias: fn.alias.name,
        targetVersion: fn.function.version,
        // How long a shift may take: the deploy step's time limit (tools/ci/trafficShift.ts).
        deploymentConfig: `CodeDeployDefault.${config}`,
      },
    });
    // A stable output name for the deploy step: `<function id>-deployment`.
    output.overrideLogicalId(`${fn.node.id}-deployment`);
  }
}
