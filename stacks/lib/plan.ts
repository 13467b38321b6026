import picomatch from 'picomatch';
import type { BootstrapStackConfig, ServiceStackConfig } from '@platform/constructs';
import { linksOf } from './links';
import type { Topology } from './topology';

/** Everything a service stack needs, resolved from the topology: one per service × environment (× region). */
export type StackSpec = Omit<ServiceStackConfig, 'artifactsDir'> & { readonly name: string };

/**
 * The account role a service stack's provider assumes: `deploy` applies changes (pushes to main),
 * `plan` only reads (`cdktf diff` on pull requests). Chosen with `PLATFORM_ROLE`.
 */
export type StackRole = 'deploy' | 'plan';
const STACK_ROLES: readonly StackRole[] = ['deploy', 'plan'];

export interface PlanOptions {
  /** @default 'deploy' */
  readonly role?: StackRole;
}

/** The SNS topic of an account and region that every alarm notifies (created by its bootstrap stack). */
export const alarmTopicName = (organization: string) => `${organization}-alarms`;

export function planStacks(topology: Topology, options: PlanOptions = {}): StackSpec[] {
  const role = options.role ?? 'deploy';
  const specs: StackSpec[] = [];
  for (const [service, { team, regions, environments }] of Object.entries(topology.services)) {
    for (const environment of environments) {
      const account = topology.accounts[topology.teams[team].accounts[environment]];
      for (const region of regions) {
        // The region joins names only where a service runs in several regions.
        const suffix = regions.length > 1 ? `-${region}` : '';
        specs.push({
          name: `${service}-${environment}${suffix}`,
          organization: topology.organization,
          repository: topology.repository,
          service,
          environment,
          // The topology's environments: byEnvironment() rejects any other name (a typo never falls back).
          environments: topology.environments,
          team,
          accountId: account.id,
          region,
          deployRoleArn: role === 'plan' ? account.planRoleArn : account.deployRoleArn,
          stateBucket: account.stateBuckets[region],
          alarmTopicArn: `arn:aws:sns:${region}:${account.id}:${alarmTopicName(topology.organization)}`,
          stateKey: `${service}/${environment}${suffix ? `/${region}` : ''}/terraform.tfstate`,
          links: linksOf(topology, service, environment, region),
        });
      }
    }
  }
  return specs;
}

/** What the bootstrap stack of one account and region needs, and the stack's name. */
export type BootstrapSpec = BootstrapStackConfig & {
  /** `bootstrap-<account>`, plus `-<region>` only when the account has several regions. */
  readonly name: string;
};

export function planBootstrapStacks(topology: Topology): BootstrapSpec[] {
  const specs: BootstrapSpec[] = [];
  for (const account of Object.values(topology.accounts)) {
    const use = Object.entries(topology.teams)
      .flatMap(([team, t]) =>
        Object.entries(t.accounts).map(([environment, name]) => ({ team, environment, name })),
      )
      .find((u) => u.name === account.name);
    const services = Object.entries(topology.services)
      .filter(([, s]) => s.team === use?.team)
      .map(([name, s]) => ({
        name,
        regions: s.regions,
        // The deploy role subscribes the service's queues to exactly these topics of other accounts.
        ...(use && s.environments.includes(use.environment) && s.consumes.length > 0
          ? {
              consumedTopicArns: s.regions.flatMap((region) =>
                linksOf(topology, name, use.environment, region).consumes.map((c) => c.topicArn),
              ),
            }
          : {}),
      }));
    for (const region of account.regions) {
      specs.push({
        name: `bootstrap-${account.name}${account.regions.length > 1 ? `-${region}` : ''}`,
        organization: topology.organization,
        repository: topology.repository,
        account: account.name,
        accountId: account.id,
        region,
        primary: region === account.regions[0],
        stateBuckets: account.stateBuckets,
        stateKey: `bootstrap/${region}/terraform.tfstate`,
        alarmTopicName: alarmTopicName(topology.organization),
        ...(use ? { environment: use.environment } : {}),
        services,
        deployRoleArn: account.deployRoleArn,
        planRoleArn: account.planRoleArn,
        operatorRoleArns: account.operatorRoleArns,
        monthlyBudgetUsd: account.monthlyBudgetUsd,
        alerts: use ? (topology.teams[use.team].alerts ?? []) : [],
      });
    }
  }
  return specs;
}

export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

/** `PLATFORM_ROLE`: `deploy` (default) or `plan`. */
export function parseStackRole(value: string | undefined): StackRole {
  const role = (value ?? '').trim() || 'deploy';
  if (!STACK_ROLES.includes(role as StackRole)) {
    throw new SelectionError(
      `PLATFORM_ROLE "${value}" is not a stack role. Use "deploy" (the default) or "plan" (read-only, for diffs).`,
    );
  }
  return role as StackRole;
}

/**
 * Keeps the stacks named by `selection`: comma-separated stack names or globs
 * (`orders-dev`, `orders-*`, `*-prod`, `bootstrap-*`; matched by picomatch). An empty selection keeps every stack.
 * A pattern that matches nothing is an error: a typo must not deploy nothing silently.
 */
export function selectStacks<T extends { readonly name: string }>(
  specs: readonly T[],
  selection: string | undefined,
): T[] {
  const patterns = (selection ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (patterns.length === 0) return [...specs];
  const matchers = patterns.map((p) => ({ pattern: p, matches: picomatch(p) }));
  for (const { pattern, matches } of matchers) {
    if (!specs.some((s) => matches(s.name))) {
      throw new SelectionError(
        `PLATFORM_STACKS: "${pattern}" matches no stack. Stacks are named <service>-<environment> ` +
          `(and bootstrap-<account>); known: ${specs.map((s) => s.name).join(', ')}.`,
      );
    }
  }
  return specs.filter((s) => matchers.some(({ matches }) => matches(s.name)));
}
