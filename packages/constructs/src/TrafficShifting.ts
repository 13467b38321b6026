import { Construct } from 'constructs';
import { Lazy, TerraformOutput } from 'cdktf';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { CodedeployApp } from '@cdktf/provider-aws/lib/codedeploy-app';
import { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { arn, functionArn } from './arns';
import { invalidChoice, tooManyRollbackAlarms, trafficShiftingWithoutAlarms } from './errors';
import { allow, assumeRolePolicy, policyDocument } from './iam';
import {
  DEPLOYMENT_CONFIGS,
  type DeploymentConfig,
  type FunctionParts,
  type TrafficShiftingOptions,
} from './functionParts';
import { LIVE_ALIAS, NAME_LIMITS, checkedName } from './names';

export const DEFAULT_DEPLOYMENT_CONFIG: DeploymentConfig = 'LambdaCanary10Percent5Minutes';
/** CodeDeploy's limit of alarms per deployment group. */
export const MAX_ROLLBACK_ALARMS = 10;

/**
 * CodeDeploy traffic shifting for the function's `live` alias: an application, a deployment group
 * that rolls back when any of the function's alarms fires, and its service role (scoped to this
 * alias and these alarms). Terraform publishes each new version but leaves the alias to CodeDeploy
 * (ServiceFunction sets `ignore_changes` on its version and routing); after `cdktf deploy`,
 * `tools/ci/bin/traffic-shift.ts` reads the `<function id>-deployment` output and starts a CodeDeploy
 * deployment from the alias's version to `targetVersion`, then waits for it (docs/constructs.md).
 */
export class TrafficShifting extends Construct {
  readonly application: CodedeployApp;
  readonly deploymentGroup: CodedeployDeploymentGroup;
  readonly role: IamRole;
  private readonly alarmNames: string[];
  private readonly alarmReferences: string[];

  /**
   * @param alarms the function's alarms: `names` (literal) scope the role, `references` make the
   * deployment group depend on the alarms. More join with `addAlarms` (its HTTP API's).
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
    this.alarmNames = [];
    this.alarmReferences = [];
    this.addAlarms(alarms);
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
    // Lazy: alarms added after construction (addAlarms) may be read too.
    new IamRolePolicy(this, 'policy', {
      role: this.role.name,
      name: 'shift-live-alias',
      policy: Lazy.stringValue({
        produce: () =>
          policyDocument([
            allow(
              ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
              [functionArn(ctx, fn.functionName, LIVE_ALIAS)],
            ),
            allow(
              ['cloudwatch:DescribeAlarms'],
              this.alarmNames.map((name) => arn(ctx, 'cloudwatch', `alarm:${name}`)),
            ),
          ]),
      }),
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
      alarmConfiguration: {
        enabled: true,
        alarms: Lazy.listValue({ produce: () => [...this.alarmReferences] }),
      },
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

  /** More alarms that roll a deployment back (e.g. the 5xx rate and latency of the function's HTTP API). */
  addAlarms(alarms: { readonly names: readonly string[]; readonly references: readonly string[] }): void {
    const names = alarms.names.filter((name) => !this.alarmNames.includes(name));
    if (this.alarmNames.length + names.length > MAX_ROLLBACK_ALARMS) {
      throw tooManyRollbackAlarms(
        `Function "${this.node.scope!.node.id}"`,
        [...this.alarmNames, ...names],
        MAX_ROLLBACK_ALARMS,
      );
    }
    for (const name of names) {
      const index = alarms.names.indexOf(name);
      this.alarmNames.push(name);
      this.alarmReferences.push(alarms.references[index]!);
    }
  }
}
