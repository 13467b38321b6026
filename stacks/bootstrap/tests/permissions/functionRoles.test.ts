import {
  isAllowed,
  type PolicyDocument,
  queueArnOfUrl,
  type SynthesizedResource,
  type SynthesizedStack,
} from '@platform/iam-check';
import { type Deployment, fixtureDeployment, topologyDeployments } from './world';

/*
 * Each function's role against what its environment names: a queue URL -> send, a table name ->
 * item access, the settings path -> reads. The same on another team's service, and in another
 * environment, must be denied.
 */
const deployments: Deployment[] = [fixtureDeployment(), ...topologyDeployments()];

const ITEM_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:UpdateItem',
];
const SETTINGS_READS = ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'];

/** What the role may do on each resource its function's environment names, by variable. */
type Access = Record<string, string[]>;

interface FunctionAccess {
  readonly name: string;
  /** On the named resources. */
  readonly own: Access;
  /** On the same names of another team's service, and of another environment. */
  readonly elsewhere: Access;
}

function accessOf(d: Deployment): FunctionAccess[] {
  const { stack } = d;
  return stack.resources('aws_lambda_function').map((fn) => {
    const policies = rolePolicies(stack, stack.field(fn, 'role'));
    const variables = (fn.config.environment?.variables ?? {}) as Record<string, string>;
    const own: Access = {};
    const elsewhere: Access = {};
    for (const [name, raw] of Object.entries(variables)) {
      const requests = requestsFor(stack, name, stack.resolve(raw));
      if (!requests) continue;
      own[name] = allowed(policies, requests);
      const otherEnvironment = d.environment === 'prod' ? 'dev' : 'prod';
      elsewhere[name] = [
        ...allowed(policies, requests.map(swap([d.service, d.environment], [d.sibling, d.environment]))),
        ...allowed(policies, requests.map(swap([d.service, d.environment], [d.service, otherEnvironment]))),
      ];
    }
    return { name: stack.field(fn, 'function_name'), own, elsewhere };
  });
}

/** The requests a variable's value implies, or none when it names no AWS resource. */
function requestsFor(stack: SynthesizedStack, name: string, value: string): [string, string][] | undefined {
  const regional = (service: string, rest: string) =>
    `arn:${stack.partition}:${service}:${stack.region}:${stack.accountId}:${rest}`;
  if (name.endsWith('_QUEUE_URL')) return [['sqs:SendMessage', queueArnOfUrl(value, stack.partition)]];
  if (name.endsWith('TABLE_NAME'))
    return ITEM_ACTIONS.map((a) => [a, regional('dynamodb', `table/${value}`)]);
  if (name === 'SETTINGS_PATH') {
    return [
      ['ssm:GetParametersByPath', regional('ssm', `parameter${value.replace(/\/$/, '')}`)],
      ['ssm:GetParameter', regional('ssm', `parameter${value}log-level`)],
      ['ssm:GetParameters', regional('ssm', `parameter${value}log-level`)],
    ];
  }
  return undefined;
}

const allowed = (policies: PolicyDocument[], requests: [string, string][]) =>
  requests.filter(([action, resource]) => isAllowed(policies, { action, resource })).map(([a]) => a);

/** `orders-dev-` -> `reports-dev-` and `/dev/orders` -> `/dev/reports` in a request's ARN. */
const swap =
  (from: [string, string], to: [string, string]) =>
  ([action, arn]: [string, string]): [string, string] => [
    action,
    arn
      .replaceAll(`${from[0]}-${from[1]}-`, `${to[0]}-${to[1]}-`)
      .replaceAll(`/${from[1]}/${from[0]}`, `/${to[1]}/${to[0]}`),
  ];

/** The inline policies of the role with this ARN. */
function rolePolicies(stack: SynthesizedStack, roleArn: string): PolicyDocument[] {
  const role = stack.resources('aws_iam_role').find((r) => stack.arnOf(r) === roleArn);
  if (!role) throw new Error(`No aws_iam_role in the stack has the ARN ${roleArn}`);
  const roleName = stack.field(role, 'name');
  return stack
    .resources('aws_iam_role_policy')
    .filter((p: SynthesizedResource) => stack.field(p, 'role') === roleName)
    .map((p) => JSON.parse(stack.resolve(p.config.policy)) as PolicyDocument);
}

/**
 * ServiceFunction sets SETTINGS_PATH on every function, while read access is opt-in
 * (grantSettings): the fixture's functions that never call it name a path they cannot read. The
 * service stacks grant it to every function.
 */
const FIXTURE = 'orders-dev (every construct)';
const FIXTURE_WITHOUT_SETTINGS = [
  'orders-dev-health SETTINGS_PATH',
  'orders-dev-nightly-report SETTINGS_PATH',
  'orders-dev-process-orders SETTINGS_PATH',
  'orders-dev-ship-orders SETTINGS_PATH',
];

const byName = (name: string) => deployments.find((d) => d.name === name)!;
const ownAccess = (name: string) => Object.fromEntries(accessOf(byName(name)).map((f) => [f.name, f.own]));

describe('Function roles: what the environment names', () => {
  it('orders-dev: each function reaches its queues, its table and its settings', () => {
    expect(ownAccess('orders-dev')).toEqual({
      'orders-dev-create-order': {
        ORDERS_QUEUE_URL: ['sqs:SendMessage'],
        SETTINGS_PATH: SETTINGS_READS.slice().sort(byRequestOrder),
      },
      'orders-dev-process-orders': {
        IDEMPOTENCY_TABLE_NAME: [
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        ORDER_EVENTS_QUEUE_URL: ['sqs:SendMessage'],
        SETTINGS_PATH: SETTINGS_READS.slice().sort(byRequestOrder),
      },
    });
  });

  it('reports-dev: publish-daily-report and record-sale get exactly their item actions on the sales table', () => {
    expect(ownAccess('reports-dev')).toEqual({
      'reports-dev-publish-daily-report': {
        DAILY_REPORTS_QUEUE_URL: ['sqs:SendMessage'],
        SETTINGS_PATH: SETTINGS_READS.slice().sort(byRequestOrder),
        TABLE_NAME: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      },
      'reports-dev-record-sale': {
        SETTINGS_PATH: SETTINGS_READS.slice().sort(byRequestOrder),
        TABLE_NAME: ['dynamodb:UpdateItem'],
      },
    });
  });

  it.each(deployments.map((d) => [d.name, d] as const))(
    'allows something on every resource a function of %s names',
    (name, d) => {
      const empty = accessOf(d).flatMap((f) =>
        Object.entries(f.own)
          .filter(([, actions]) => actions.length === 0)
          .map(([variable]) => `${f.name} ${variable}`),
      );
      expect(accessOf(d).length).toBeGreaterThan(1);
      expect(empty).toEqual(name === FIXTURE ? FIXTURE_WITHOUT_SETTINGS : []);
    },
  );

  it.each(deployments.map((d) => [d.name, d] as const))(
    "denies the same on another team's service and in another environment, for %s",
    (_, d) => {
      const reachable = accessOf(d).flatMap((f) =>
        Object.entries(f.elsewhere).flatMap(([variable, actions]) =>
          actions.map((a) => `${f.name} ${variable} ${a}`),
        ),
      );
      expect(reachable).toEqual([]);
    },
  );
});

/** Settings reads appear in the order requestsFor() asks them. */
function byRequestOrder(a: string, b: string): number {
  const order = ['ssm:GetParametersByPath', 'ssm:GetParameter', 'ssm:GetParameters'];
  return order.indexOf(a) - order.indexOf(b);
}
