import { Annotations } from 'cdktf';
import type { Construct } from 'constructs';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { PlatformStack } from '@platform/constructs';
import { AccountBudget } from './AccountBudget';
import { AlarmTopic } from './AlarmTopic';
import { CostAnomalyAlerts } from './CostAnomalyAlerts';
import { invalidBootstrapConfig } from './errors';
import { PipelineRoles } from './PipelineRoles';
import { StateBucket } from './StateBucket';
import type { BootstrapStackConfig } from './types';

/**
 * What an AWS account and region need before any service stack can be deployed there, applied once
 * by an administrator (README "Bootstrapping an account"): the state bucket, the alarm topic, and in
 * the account's first region the GitHub OIDC provider, the deploy and plan roles and the budget.
 * Its own state lives in the bucket it creates, under `bootstrap/<region>/terraform.tfstate`.
 */
export default class BootstrapStack extends PlatformStack {
  readonly config: BootstrapStackConfig;
  readonly stateBucket: StateBucket;
  readonly alarmTopic: AlarmTopic;
  /** Only in the account's first region: IAM is global. */
  readonly pipeline?: PipelineRoles;
  /** Only in the account's first region: budgets are global. */
  readonly budget?: AccountBudget;
  /** Only in the account's first region: Cost Explorer is global. */
  readonly costAnomalies?: CostAnomalyAlerts;

  constructor(scope: Construct, id: string, config: BootstrapStackConfig) {
    validateConfig(id, config);
    const { accountId, region, stateKey, organization, repository } = config;
    const bucket = config.stateBuckets[region];
    // No assume_role: an administrator of the account applies it with their own credentials.
    // The first apply runs with local state (the bucket does not exist yet), then migrates to this backend.
    super(scope, id, {
      accountId,
      region,
      tags: { account: config.account, repository, 'managed-by': 'cdktf', stack: 'bootstrap' },
      stateBucket: bucket,
      stateKey,
    });
    this.config = config;

    this.stateBucket = new StateBucket(this, 'state', { bucket, region });
    this.alarmTopic = new AlarmTopic(this, 'alarms', {
      name: config.alarmTopicName,
      accountId,
      region,
      alerts: config.alerts,
    });
    if (config.alerts.length === 0) {
      Annotations.of(this).addWarning(
        `${id}: nobody is subscribed to the alarm topic ${config.alarmTopicName}: alarms, budget and cost alerts ` +
          `reach no one. Add alerts: [{ protocol: 'email', endpoint: '...' }] to the owning team in stacks/topology.ts.`,
      );
    }
    if (config.primary) {
      this.pipeline = new PipelineRoles(this, 'pipeline', config);
      this.budget = new AccountBudget(this, 'budget', {
        name: `${organization}-${config.account}-monthly`,
        monthlyUsd: config.monthlyBudgetUsd,
        topicArn: this.alarmTopic.topic.arn,
        dependsOn: [this.alarmTopic.policy],
      });
      this.costAnomalies = new CostAnomalyAlerts(this, 'cost-anomalies', {
        name: `${organization}-${config.account}`,
        emails: config.alerts.filter((a) => a.protocol === 'email').map((a) => a.endpoint),
        topicArn: this.alarmTopic.topic.arn,
        // 10 % of the monthly budget in one day's impact is worth a look.
        thresholdUsd: Math.max(1, Math.round(config.monthlyBudgetUsd / 10)),
        dependsOn: [this.alarmTopic.policy],
      });
    }
  }
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;

function validateConfig(stack: string, config: BootstrapStackConfig): void {
  const { accountId, region, repository, environment, stateBuckets, stateKey, monthlyBudgetUsd } = config;
  if (!ACCOUNT_ID.test(accountId))
    throw invalidBootstrapConfig(stack, 'accountId', accountId, 'An AWS account ID is exactly 12 digits.');
  if (!REPOSITORY.test(repository))
    throw invalidBootstrapConfig(stack, 'repository', repository, 'Use "owner/name", e.g. "acme/platform".');
  if (!stateBuckets[region]) {
    throw invalidBootstrapConfig(
      stack,
      'region',
      region,
      `Add a state bucket for it to stateBuckets (has: ${Object.keys(stateBuckets).join(', ')}).`,
    );
  }
  if (environment !== undefined && !NAME.test(environment)) {
    throw invalidBootstrapConfig(
      stack,
      'environment',
      environment,
      'Use the GitHub environment name, lowercase kebab-case (e.g. "prod").',
    );
  }
  if (stateKey !== `bootstrap/${region}/terraform.tfstate`) {
    throw invalidBootstrapConfig(
      stack,
      'stateKey',
      stateKey,
      `Use "bootstrap/${region}/terraform.tfstate": service stacks own <service>/<environment>/.`,
    );
  }
  for (const [field, roleArn] of [
    ['deployRoleArn', config.deployRoleArn],
    ['planRoleArn', config.planRoleArn],
  ] as const) {
    if (!roleArn.includes(`:iam::${accountId}:role/`)) {
      throw invalidBootstrapConfig(
        stack,
        field,
        roleArn,
        `Use a role of account ${accountId}: arn:aws:iam::${accountId}:role/<name>.`,
      );
    }
  }
  if (!(monthlyBudgetUsd > 0))
    throw invalidBootstrapConfig(
      stack,
      'monthlyBudgetUsd',
      monthlyBudgetUsd,
      'Use a positive amount of US dollars.',
    );
}
