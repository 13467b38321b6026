import { checkLinks, resolveLinks } from './links';

/**
 * The organization as data: environments in promotion order, AWS accounts, teams and the
 * services they own. `defineTopology` validates it when the cdktf app starts, so a typo fails
 * before any stack is built, with a message naming the entry and the fix.
 */

export interface AccountInput {
  /** The 12-digit AWS account ID. */
  readonly id: string;
  /** Regions stacks may be deployed to in this account. @default [topology.defaultRegion] */
  readonly regions?: readonly string[];
  /** State bucket per region. @default `<organization>-tfstate-<id>-<region>` */
  readonly stateBuckets?: Readonly<Record<string, string>>;
  /** Role the pipeline assumes to deploy. @default `arn:aws:iam::<id>:role/<organization>-platform-deploy` */
  readonly deployRoleArn?: string;
  /** Read-only role that pull requests assume for `cdktf diff`. @default `arn:aws:iam::<id>:role/<organization>-platform-plan` */
  readonly planRoleArn?: string;
  /** Monthly cost budget in USD: the alarm topic is told at 80 % actual and 100 % forecasted spend. @default 100 */
  readonly monthlyBudgetUsd?: number;
  /**
   * IAM roles of this account (ARN patterns, `*` allowed) that may assume the deploy and plan roles
   * besides the pipeline: for `diff`/`deploy` from a laptop and for break-glass. @default [] (the pipeline only)
   */
  readonly operatorRoleArns?: readonly string[];
}

export interface TeamInput {
  /** Account name (a key of `accounts`) per environment: one account per team per environment. */
  readonly accounts: Readonly<Record<string, string>>;
  /**
   * Who is told when an alarm, the budget or a cost anomaly fires in the team's accounts: subscribed to
   * each account's alarm topic by its bootstrap stack. `https` takes a chat webhook (Slack, Teams,
   * PagerDuty) that accepts SNS's subscription confirmation. A team without any is a synth warning.
   * @default [] (nobody: alarms fire into the void)
   */
  readonly alerts?: readonly AlertEndpoint[];
}

export const ALERT_PROTOCOLS = ['email', 'https'] as const;
export interface AlertEndpoint {
  readonly protocol: (typeof ALERT_PROTOCOLS)[number];
  /** An email address, or an https:// URL. */
  readonly endpoint: string;
}

export interface ServiceInput {
  readonly team: string;
  /** @default [topology.defaultRegion] */
  readonly regions?: readonly string[];
  /** Environments the service is deployed to, in promotion order. @default every environment */
  readonly environments?: readonly string[];
  /**
   * Event streams this service publishes (e.g. `"order.accepted"`): its stack gets one encrypted SNS
   * topic per stream, which exactly the declared consumers' accounts may subscribe to. @default []
   */
  readonly publishes?: readonly string[];
  /**
   * Streams of other services this service consumes, as `<service>/<stream>` (e.g.
   * `"orders/order.accepted"`): its stack subscribes one of its queues to each. @default []
   */
  readonly consumes?: readonly string[];
  /**
   * Routes of this service's HTTP API that functions of other services may call, by route key, with
   * the callers as `<service>/<function>`: `{ "GET /orders/{id}": ["reports/publish-daily-report"] }`.
   * Each caller gets an invoker role in this service's account, allowed exactly its routes. @default {}
   */
  readonly routes?: Readonly<Record<string, readonly string[]>>;
}

/** A service as resolved: defaults filled in, links checked against the other services. */
export interface Service {
  readonly team: string;
  readonly regions: readonly string[];
  readonly environments: readonly string[];
  readonly publishes: readonly string[];
  readonly consumes: readonly StreamRef[];
  readonly routes: Readonly<Record<string, readonly FunctionRef[]>>;
}

/** `<service>/<stream>` in the topology. */
export interface StreamRef {
  readonly service: string;
  readonly stream: string;
}

/** `<service>/<function>` in the topology. */
export interface FunctionRef {
  readonly service: string;
  readonly function: string;
}

export interface TopologyInput {
  readonly organization: string;
  /** `owner/name` of this repository. */
  readonly repository: string;
  /** Promotion order: a change reaches the first environment first and the last one last. */
  readonly environments: readonly string[];
  readonly defaultRegion: string;
  readonly accounts: Readonly<Record<string, AccountInput>>;
  readonly teams: Readonly<Record<string, TeamInput>>;
  readonly services: Readonly<Record<string, ServiceInput>>;
}

export interface Account {
  readonly name: string;
  readonly id: string;
  readonly regions: readonly string[];
  readonly stateBuckets: Readonly<Record<string, string>>;
  readonly deployRoleArn: string;
  readonly planRoleArn: string;
  readonly monthlyBudgetUsd: number;
  readonly operatorRoleArns: readonly string[];
}

export const DEFAULT_MONTHLY_BUDGET_USD = 100;

/** Names that are not service names: `bootstrap-<account>` names the account bootstrap stacks. */
const RESERVED_SERVICE_PREFIX = 'bootstrap';

export interface Topology {
  readonly organization: string;
  readonly repository: string;
  readonly environments: readonly string[];
  readonly defaultRegion: string;
  readonly accounts: Readonly<Record<string, Account>>;
  readonly teams: Readonly<Record<string, TeamInput>>;
  readonly services: Readonly<Record<string, Service>>;
}

export class TopologyError extends Error {
  constructor(problems: readonly string[]) {
    super(`Invalid topology (stacks/topology.ts):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TopologyError';
  }
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;
// S3 bucket naming rules: 3-63 chars, lowercase letters, digits, dots and hyphens.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;
// An IAM role ARN pattern for an aws:PrincipalArn condition: `*` and `?` allowed in the name.
const ROLE_ARN_PATTERN = /^arn:aws[\w-]*:iam::(\d{12}):role\/[\w+=,.@/*?-]+$/;

export function defineTopology(input: TopologyInput): Topology {
  const problems: string[] = [];
  const fail = (msg: string) => problems.push(msg);
  const checkName = (kind: string, name: string) => {
    if (!NAME.test(name)) {
      fail(`${kind} "${name}" is not a valid name. Use lowercase kebab-case (e.g. "order-history").`);
    }
  };

  checkName('organization', input.organization);
  if (!REPOSITORY.test(input.repository)) {
    fail(`repository "${input.repository}" must be "owner/name" (e.g. "acme/platform").`);
  }
  if (!REGION.test(input.defaultRegion)) {
    fail(
      `defaultRegion "${input.defaultRegion}" is not an AWS region. Use a region code such as "eu-west-1".`,
    );
  }
  if (input.environments.length === 0)
    fail('environments is empty. List them in promotion order, e.g. ["dev", "staging", "prod"].');
  const seenEnvs = new Set<string>();
  for (const env of input.environments) {
    checkName('environment', env);
    if (seenEnvs.has(env))
      fail(`environment "${env}" is listed twice in environments. Remove the duplicate.`);
    seenEnvs.add(env);
  }

  const accounts: Record<string, Account> = {};
  const accountNameById = new Map<string, string>();
  for (const [name, acc] of Object.entries(input.accounts)) {
    checkName('account', name);
    if (!ACCOUNT_ID.test(acc.id)) {
      fail(
        `account "${name}" has id "${acc.id}": an AWS account ID is exactly 12 digits. Copy it from the AWS console.`,
      );
    }
    const other = accountNameById.get(acc.id);
    if (other)
      fail(
        `accounts "${other}" and "${name}" have the same id ${acc.id}. Each account entry needs its own AWS account.`,
      );
    accountNameById.set(acc.id, name);

    const regions = acc.regions ?? [input.defaultRegion];
    for (const region of regions) {
      if (!REGION.test(region))
        fail(
          `account "${name}" lists region "${region}", which is not an AWS region code (e.g. "eu-west-1").`,
        );
    }
    const stateBuckets: Record<string, string> = {};
    for (const region of regions) {
      const bucket = acc.stateBuckets?.[region] ?? `${input.organization}-tfstate-${acc.id}-${region}`;
      if (!BUCKET.test(bucket)) {
        fail(
          `account "${name}": state bucket "${bucket}" for ${region} is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens).`,
        );
      }
      stateBuckets[region] = bucket;
    }
    for (const region of Object.keys(acc.stateBuckets ?? {})) {
      if (!regions.includes(region))
        fail(
          `account "${name}" has a state bucket for region "${region}", which is not in its regions [${regions.join(', ')}]. Add the region or remove the bucket.`,
        );
    }
    const deployRoleArn =
      acc.deployRoleArn ?? `arn:aws:iam::${acc.id}:role/${input.organization}-platform-deploy`;
    const planRoleArn = acc.planRoleArn ?? `arn:aws:iam::${acc.id}:role/${input.organization}-platform-plan`;
    for (const [field, arn] of [
      ['deployRoleArn', deployRoleArn],
      ['planRoleArn', planRoleArn],
    ] as const) {
      const roleMatch = ROLE_ARN.exec(arn);
      if (!roleMatch) {
        fail(
          `account "${name}": ${field} "${arn}" is not an IAM role ARN (arn:aws:iam::<account-id>:role/<name>).`,
        );
      } else if (roleMatch[1] !== acc.id) {
        fail(
          `account "${name}": ${field} "${arn}" is in account ${roleMatch[1]}, not ${acc.id}. Use a role of this account.`,
        );
      }
    }
    if (deployRoleArn === planRoleArn) {
      fail(
        `account "${name}": deployRoleArn and planRoleArn are both "${deployRoleArn}". Pull requests need a read-only role of their own.`,
      );
    }
    const operatorRoleArns = acc.operatorRoleArns ?? [];
    for (const arn of operatorRoleArns) {
      const match = ROLE_ARN_PATTERN.exec(arn);
      if (!match || match[1] !== acc.id) {
        fail(
          `account "${name}": operatorRoleArns entry "${arn}" is not a role ARN of account ${acc.id} (arn:aws:iam::${acc.id}:role/<name>, "*" allowed).`,
        );
      }
    }
    const monthlyBudgetUsd = acc.monthlyBudgetUsd ?? DEFAULT_MONTHLY_BUDGET_USD;
    if (!Number.isFinite(monthlyBudgetUsd) || monthlyBudgetUsd <= 0) {
      fail(
        `account "${name}": monthlyBudgetUsd ${monthlyBudgetUsd} must be a positive number of US dollars (e.g. 250).`,
      );
    }
    accounts[name] = {
      name,
      id: acc.id,
      regions,
      stateBuckets,
      deployRoleArn,
      planRoleArn,
      monthlyBudgetUsd,
      operatorRoleArns,
    };
  }

  const accountOwner = new Map<string, string>();
  for (const [team, t] of Object.entries(input.teams)) {
    checkName('team', team);
    (t.alerts ?? []).forEach((alert, i) => checkAlert(`teams.${team}.alerts[${i}]`, alert, fail));
    for (const env of input.environments) {
      if (!t.accounts[env]) {
        fail(
          `team "${team}" has no account for environment "${env}". Add teams.${team}.accounts.${env} = "<account name>" (one account per team per environment).`,
        );
      }
    }
    for (const [env, accountName] of Object.entries(t.accounts)) {
      if (!seenEnvs.has(env)) {
        fail(
          `team "${team}" names an account for unknown environment "${env}". Known environments: ${input.environments.join(', ')}.`,
        );
      }
      if (!input.accounts[accountName]) {
        fail(
          `team "${team}", environment "${env}": unknown account "${accountName}". Known accounts: ${Object.keys(input.accounts).join(', ') || '(none)'}.`,
        );
        continue;
      }
      const use = `team "${team}" ${env}`;
      const previous = accountOwner.get(accountName);
      if (previous)
        fail(
          `account "${accountName}" is used by both ${previous} and ${use}. Each team and environment gets an account of its own.`,
        );
      accountOwner.set(accountName, use);
    }
  }

  const services: Record<string, Service> = {};
  for (const [service, s] of Object.entries(input.services)) {
    checkName('service', service);
    if (service === RESERVED_SERVICE_PREFIX || service.startsWith(`${RESERVED_SERVICE_PREFIX}-`)) {
      fail(
        `service "${service}": names starting with "${RESERVED_SERVICE_PREFIX}" are reserved for the account bootstrap stacks (bootstrap-<account>). Choose another name.`,
      );
    }
    if (!input.teams[s.team]) {
      fail(
        `service "${service}" names unknown team "${s.team}". Known teams: ${Object.keys(input.teams).join(', ') || '(none)'}. Add the team or fix the name.`,
      );
      continue;
    }
    const regions = s.regions ?? [input.defaultRegion];
    if (new Set(regions).size !== regions.length)
      fail(`service "${service}" lists a region twice in [${regions.join(', ')}]. Remove the duplicate.`);
    for (const env of input.environments) {
      const account = accounts[input.teams[s.team].accounts[env]];
      if (!account) continue;
      for (const region of regions) {
        if (!account.regions.includes(region)) {
          fail(
            `service "${service}" runs in ${region}, but account "${account.name}" (team "${s.team}", ${env}) has no state bucket there. Add "${region}" to accounts.${account.name}.regions.`,
          );
        }
      }
    }
    const environments = s.environments ?? input.environments;
    for (const env of environments) {
      if (!seenEnvs.has(env))
        fail(
          `service "${service}" lists unknown environment "${env}" in environments. Known environments: ${input.environments.join(', ')}.`,
        );
    }
    services[service] = {
      team: s.team,
      regions,
      environments: input.environments.filter((env) => environments.includes(env)),
      ...resolveLinks(service, s, fail),
    };
  }
  checkLinks(services, input.environments, fail);

  if (problems.length > 0) throw new TopologyError(problems);
  return {
    organization: input.organization,
    repository: input.repository,
    environments: [...input.environments],
    defaultRegion: input.defaultRegion,
    accounts,
    teams: input.teams,
    services,
  };
}

function checkAlert(field: string, alert: AlertEndpoint, fail: (msg: string) => void): void {
  const { protocol, endpoint } = alert;
  if (!ALERT_PROTOCOLS.includes(protocol)) {
    fail(
      `${field}.protocol "${protocol}" is not supported. Use one of ${ALERT_PROTOCOLS.join(', ')} (a chat webhook is "https").`,
    );
    return;
  }
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    fail(
      `${field}.endpoint is empty. Give the ${protocol === 'email' ? 'email address' : 'https:// URL'} to notify.`,
    );
  } else if (protocol === 'email' && !EMAIL.test(endpoint)) {
    fail(`${field}.endpoint "${endpoint}" is not an email address (e.g. "oncall@acme.example").`);
  } else if (protocol === 'https' && !/^https:\/\/[^\s/]+\.[^\s]+$/.test(endpoint)) {
    fail(`${field}.endpoint "${endpoint}" is not an https:// URL (SNS delivers only over TLS to webhooks).`);
  }
}
