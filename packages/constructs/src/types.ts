/** Where and as what a service stack is deployed: one entry of the resolved topology. */
export interface ServiceStackConfig {
  readonly organization: string;
  /** `owner/name` of the Git repository, written into the `repository` tag. */
  readonly repository: string;
  readonly service: string;
  readonly environment: string;
  /**
   * Every environment of the topology, in promotion order. When given, `environment` must be one
   * of them and `stack.byEnvironment()` rejects unknown names. @default not checked
   */
  readonly environments?: readonly string[];
  readonly team: string;
  /** The 12-digit AWS account this stack may be applied to, and only that one. */
  readonly accountId: string;
  readonly region: string;
  /** Role that the deploying principal assumes in `accountId`. */
  readonly deployRoleArn: string;
  readonly stateBucket: string;
  /** Unique across all stacks: `<service>/<environment>/terraform.tfstate`. */
  readonly stateKey: string;
  /** The account's SNS topic for alarms (created by the bootstrap stack of the account and region). */
  readonly alarmTopicArn: string;
  /** Folder holding the service's built function zips (`<function>.zip`). */
  readonly artifactsDir: string;
  /**
   * The service's links to other services, as declared in the topology and resolved for this
   * environment and region (both sides' names and ARNs are computed, never read from another stack).
   * @default none
   */
  readonly links?: ServiceLinks;
}

/** Event streams and calls between services, from the topology (stacks/lib/links.ts). */
export interface ServiceLinks {
  /** Streams this service publishes: one topic each, subscribable by exactly the consumers' accounts. */
  readonly publishes: readonly PublishedStream[];
  /** Streams of other services this service consumes. */
  readonly consumes: readonly ConsumedStream[];
  /** Functions of other services allowed to call routes of this service's HTTP API. */
  readonly callers: readonly RouteCaller[];
  /** Routes of other services' HTTP APIs that functions of this service may call. */
  readonly calls: readonly RouteCall[];
  /** The SSM parameter (a name) where this service's HTTP API URL is published for its callers. */
  readonly apiUrlParameterName: string;
}

export interface PublishedStream {
  /** e.g. `order.accepted` */
  readonly stream: string;
  /** `<service>-<environment>-<stream with "-" for ".">` */
  readonly topicName: string;
  readonly consumers: readonly {
    readonly service: string;
    readonly accountId: string;
    /** The queues that consumer may subscribe: `arn:aws:sqs:<region>:<account>:<service>-<environment>-*`. */
    readonly queueArnPattern: string;
  }[];
}

export interface ConsumedStream {
  /** The producing service. */
  readonly service: string;
  readonly stream: string;
  /** The producer's account. */
  readonly accountId: string;
  readonly topicArn: string;
  /** The producer's stack in this environment: deployed first. */
  readonly producerStack: string;
}

export interface RouteCaller {
  readonly service: string;
  readonly function: string;
  /** Route keys it may call, e.g. `GET /orders/{id}`. */
  readonly routes: readonly string[];
  /** The calling function's role, the only principal that may assume the invoker role. */
  readonly roleArn: string;
  /** `<service>-<environment>-invoke-<caller>-<function>`, in this service's account. */
  readonly invokerRoleName: string;
}

export interface RouteCall {
  /** The called service. */
  readonly service: string;
  /** The function of this service that calls. */
  readonly function: string;
  readonly routes: readonly string[];
  readonly accountId: string;
  readonly region: string;
  /** The role to assume in the called service's account. */
  readonly invokerRoleArn: string;
  /** The SSM parameter holding the called API's URL, readable with the invoker role. */
  readonly apiUrlParameterArn: string;
}

/**
 * One AWS account and region to bootstrap (stacks/bootstrap), as resolved from the topology by
 * `planBootstrapStacks` (stacks/lib/plan.ts). Declared here, beside ServiceStackConfig, because the
 * app must not import the bootstrap project: a change there then affects no service stack.
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
  /** Subscribed to the alarm topic, and told of cost anomalies: the owning team's `alerts` in the topology. */
  readonly alerts: readonly AlertSubscription[];
}

/** An SNS subscription for people: `email`, or `https` for a chat webhook. */
export interface AlertSubscription {
  readonly protocol: 'email' | 'https';
  readonly endpoint: string;
}

export interface ServiceScope {
  readonly name: string;
  readonly regions: readonly string[];
  /** The other services' topics (ARNs) it subscribes to, in this account's environment. @default [] */
  readonly consumedTopicArns?: readonly string[];
}

/**
 * What a service reads at runtime, as plain data: produced by the settings package's
 * `defineSettings(...).declaration`, typed structurally here (constructs never import runtime packages).
 * Parameter names are relative to the settings path `/<environment>/<service>/`.
 */
export interface SettingsDeclaration {
  readonly parameters: readonly {
    readonly name: string;
    readonly secure: boolean;
    readonly default?: string;
    /** Created with the default, then left to operators: deploys ignore changes to the value. */
    readonly tunable?: boolean;
  }[];
  readonly secrets: readonly string[];
}

/** A queue a function can be granted to send to (an `SqsConsumer`, or any queue you describe). */
export interface SendTarget {
  /** The queue ARN (a literal or a Terraform reference). */
  readonly queueArn: string;
  /** For messages: which construct this is. */
  readonly node: { readonly id: string };
}

/** The retention periods (days) CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];
