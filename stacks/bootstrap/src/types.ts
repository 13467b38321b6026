/**
 * One AWS account and region to bootstrap, as resolved from stacks/topology.ts by the app
 * (`planBootstrapStacks` in stacks/lib/plan.ts builds exactly this shape; the app does not
 * import this project, so that a change here affects no service stack).
 */
export interface BootstrapStackConfig {
  readonly organization: string;
  /** `owner/name`: the only repository whose workflows may assume the roles. */
  readonly repository: string;
  /** The account's name in the topology. */
  readonly account: string;
  readonly accountId: string;
  readonly region: string;
  /**
   * The account's first region. IAM and budgets are global: the GitHub OIDC provider, the deploy
   * and plan roles and the budget live in this region's stack only.
   */
  readonly primary: boolean;
  /** Every region of the account with its state bucket; this stack creates the one of `region`. */
  readonly stateBuckets: Readonly<Record<string, string>>;
  /** This stack's own state key in the bucket it creates: `bootstrap/<region>/terraform.tfstate`. */
  readonly stateKey: string;
  /** `<organization>-alarms`: the topic service stacks send alarms to. */
  readonly alarmTopicName: string;
  /** The GitHub environment whose jobs deploy to this account; without it there is no deploy role. */
  readonly environment?: string;
  /** Services deployed to this account (by their team), with their regions: the deploy role's scopes. */
  readonly services: readonly ServiceScope[];
  readonly deployRoleArn: string;
  readonly planRoleArn: string;
  /** Roles of this account (patterns) that may also assume the deploy and plan roles. */
  readonly operatorRoleArns: readonly string[];
  readonly monthlyBudgetUsd: number;
}

export interface ServiceScope {
  readonly name: string;
  readonly regions: readonly string[];
}
