import { arn, partitionOf } from './arns';
import * as actions from './deployActions';
import { allow, MANAGED_POLICY_MAX_CHARS, policyDocument, type Statement } from './policy';
import type { BootstrapStackConfig } from './types';

/** One customer managed policy of the deploy role. */
export interface DeployPolicy {
  /** Joined to the role name: `<role>-<suffix>`. */
  readonly suffix: string;
  readonly description: string;
  readonly statements: readonly Statement[];
  /**
   * Holds the statements that IAM cannot scope to the services' names (`"Resource": "*"` or every
   * API of the account); the stack suppresses PLAT-IAM-2 on this policy alone, with this reason.
   */
  readonly accountWide?: string;
}

/** One service in one region: what names and ARNs are scoped to. */
interface Scope {
  readonly service: string;
  readonly region: string;
  /** `<service>-<environment>-` */
  readonly prefix: string;
}

/** Statements for a set of scopes: an area is split into several policies when its scopes outgrow one. */
interface Area extends Omit<DeployPolicy, 'statements'> {
  statements(scopes: readonly Scope[]): Statement[];
}

/**
 * What the deploy role may do: exactly the resource types service stacks create (see
 * packages/constructs), on names of the account's services only (`<service>-<environment>-*`,
 * SSM under `/<environment>/<service>/`, state under `<service>/<environment>/`). Statements are
 * grouped by area, and an area whose statements outgrow IAM's size limit is split by service into
 * `<area>-2`, `<area>-3`, ...
 */
export function deployPolicies(config: BootstrapStackConfig): DeployPolicy[] {
  const scopes: Scope[] = config.services.flatMap((s) =>
    s.regions.map((region) => ({ service: s.name, region, prefix: `${s.name}-${config.environment}-` })),
  );
  return areas(config).flatMap((area) => fit(area, scopes));
}

function areas(config: BootstrapStackConfig): Area[] {
  const { accountId, environment, region: home } = config;
  const p = partitionOf(home);
  const named = (service: string, resource: (s: Scope) => string) => (scopes: readonly Scope[]) => [
    ...new Set(scopes.map((s) => arn(home, service, s.region, accountId, resource(s)))),
  ];
  const perRegion = (service: string, resource: string) => (scopes: readonly Scope[]) => [
    ...new Set(scopes.map((s) => arn(home, service, s.region, accountId, resource))),
  ];
  const functions = named('lambda', (s) => `function:${s.prefix}*`);
  const mappings = perRegion('lambda', 'event-source-mapping:*');
  // IAM is global: one role ARN per service, whatever its regions.
  const roles = (scopes: readonly Scope[]) => [
    ...new Set(scopes.map((s) => arn(home, 'iam', '', accountId, `role/${s.prefix}*`))),
  ];
  const state = (suffix: string) => (scopes: readonly Scope[]) => [
    ...new Set(
      scopes.map(
        (s) => `arn:${p}:s3:::${config.stateBuckets[s.region]}/${s.service}/${environment}/${suffix}`,
      ),
    ),
  ];
  const unlessEmpty = (scopes: readonly Scope[], resources: string[]) => (scopes.length > 0 ? resources : []);

  return [
    {
      suffix: 'state',
      description:
        "Terraform state of the account's services, and assuming itself (the provider's assume_role)",
      statements: (scopes) => [
        ...scoped(
          'ListStateBuckets',
          ['s3:ListBucket'],
          Object.values(config.stateBuckets).map((b) => `arn:${p}:s3:::${b}`),
        ),
        ...scoped('ReadWriteServiceState', ['s3:GetObject', 's3:PutObject'], state('*')(scopes)),
        ...scoped('ReleaseStateLocks', ['s3:DeleteObject'], state('*.tflock')(scopes)),
        allow('AssumeItself', ['sts:AssumeRole'], [config.deployRoleArn]),
      ],
    },
    {
      suffix: 'functions',
      description: 'Lambda functions, their roles and log groups, named <service>-<environment>-*',
      statements: (scopes) => [
        ...scoped('ManageFunctions', actions.FUNCTION_ACTIONS, functions(scopes)),
        ...scoped('ManageEventSourceMappings', actions.EVENT_SOURCE_MAPPING_WRITE_ACTIONS, mappings(scopes), {
          StringLike: { 'lambda:FunctionArn': functions(scopes) },
        }),
        ...scoped(
          'ReadAndTagEventSourceMappings',
          actions.EVENT_SOURCE_MAPPING_READ_ACTIONS,
          mappings(scopes),
        ),
        ...scoped('ManageServiceRoles', actions.ROLE_ACTIONS, roles(scopes)),
        ...scoped('PassServiceRoles', ['iam:PassRole'], roles(scopes), {
          StringEquals: { 'iam:PassedToService': actions.PASS_ROLE_TO },
        }),
        ...scoped('ManageLogGroups', actions.LOG_GROUP_ACTIONS, [
          ...named('logs', (s) => `log-group:/aws/lambda/${s.prefix}*`)(scopes),
          ...named('logs', (s) => `log-group:/aws/apigateway/${s.prefix}*`)(scopes),
        ]),
      ],
    },
    {
      suffix: 'messaging',
      description:
        'SQS queues, EventBridge Scheduler schedules and EventBridge rules, named <service>-<environment>-*',
      statements: (scopes) => [
        ...scoped('ManageQueues', actions.QUEUE_ACTIONS, named('sqs', (s) => `${s.prefix}*`)(scopes)),
        ...scoped(
          'ManageSchedules',
          actions.SCHEDULE_ACTIONS,
          named('scheduler', (s) => `schedule/default/${s.prefix}*`)(scopes),
        ),
        ...scoped('ManageRules', actions.RULE_ACTIONS, named('events', (s) => `rule/${s.prefix}*`)(scopes)),
      ],
    },
    {
      suffix: 'operations',
      description:
        'CloudWatch alarms, SSM settings under /<environment>/<service>/ and CodeDeploy traffic shifting',
      statements: (scopes) => [
        ...scoped(
          'ManageAlarms',
          actions.ALARM_ACTIONS,
          named('cloudwatch', (s) => `alarm:${s.prefix}*`)(scopes),
        ),
        ...scoped(
          'ManageSettings',
          actions.PARAMETER_ACTIONS,
          named('ssm', (s) => `parameter/${environment}/${s.service}/*`)(scopes),
        ),
        ...scoped('ManageTrafficShifting', actions.TRAFFIC_SHIFTING_ACTIONS, [
          ...named('codedeploy', (s) => `application:${s.prefix}*`)(scopes),
          ...named('codedeploy', (s) => `deploymentgroup:${s.prefix}*/*`)(scopes),
        ]),
        ...scoped(
          'ReadDeploymentConfigs',
          ['codedeploy:GetDeploymentConfig'],
          perRegion('codedeploy', 'deploymentconfig:*')(scopes),
        ),
      ],
    },
    {
      suffix: 'account-wide',
      description: 'The statements IAM cannot scope to service names (see README "Bootstrapping an account")',
      accountWide:
        'IAM takes only "*" for these actions (event source mappings are scoped by lambda:FunctionArn); HTTP API IDs are random',
      statements: (scopes) => [
        ...scoped(
          'CreateEventSourceMappings',
          ['lambda:CreateEventSourceMapping'],
          unlessEmpty(scopes, ['*']),
          {
            StringLike: { 'lambda:FunctionArn': functions(scopes) },
          },
        ),
        ...scoped('DescribeSettingsAndLogGroups', actions.ACCOUNT_READ_ACTIONS, unlessEmpty(scopes, ['*'])),
        ...scoped('HttpApiAccessLogDelivery', actions.LOG_DELIVERY_ACTIONS, unlessEmpty(scopes, ['*'])),
        // API Gateway ARNs have no account: arn:aws:apigateway:<region>::/apis/<id>.
        ...scoped(
          'ManageHttpApis',
          actions.HTTP_API_ACTIONS,
          [...new Set(scopes.map((s) => s.region))].flatMap((region) =>
            ['/apis', '/apis/*', '/tags/*'].map((path) => arn(home, 'apigateway', region, '', path)),
          ),
        ),
      ],
    },
  ];
}

/** The area as one policy, or split by scope into as many as keep each under IAM's size limit. */
function fit(area: Area, scopes: readonly Scope[]): DeployPolicy[] {
  const fits = (chunk: readonly Scope[]) =>
    policyDocument(area.statements(chunk)).length <= MANAGED_POLICY_MAX_CHARS;
  const chunks: Scope[][] = [[]];
  for (const scope of scopes) {
    const current = chunks[chunks.length - 1];
    if (current.length > 0 && !fits([...current, scope])) chunks.push([scope]);
    else current.push(scope);
  }
  return chunks
    .map((chunk, i) => ({
      suffix: i === 0 ? area.suffix : `${area.suffix}-${i + 1}`,
      description: area.description,
      ...(area.accountWide ? { accountWide: area.accountWide } : {}),
      statements: area.statements(chunk),
    }))
    .filter((policy) => policy.statements.length > 0);
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
