import type { ServiceStackConfig } from '@platform/constructs';
import type { Topology } from './topology';

/** Everything a service stack needs, resolved from the topology: one per service × environment (× region). */
export type StackSpec = Omit<ServiceStackConfig, 'artifactsDir'> & { readonly name: string };

export function planStacks(topology: Topology): StackSpec[] {
  const specs: StackSpec[] = [];
  for (const [service, { team, regions }] of Object.entries(topology.services)) {
    for (const environment of topology.environments) {
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
          team,
          accountId: account.id,
          region,
          deployRoleArn: account.deployRoleArn,
          stateBucket: account.stateBuckets[region],
          alarmTopicArn: `arn:aws:sns:${region}:${account.id}:${topology.organization}-alarms`,
          stateKey: `${service}/${environment}${suffix ? `/${region}` : ''}/terraform.tfstate`,
        });
      }
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

/**
 * Keeps the stacks named by `selection`: comma-separated stack names or globs
 * (`orders-dev`, `orders-*`, `*-prod`). An empty selection keeps every stack.
 * A pattern that matches nothing is an error: a typo must not deploy nothing silently.
 */
export function selectStacks(specs: readonly StackSpec[], selection: string | undefined): StackSpec[] {
  const patterns = (selection ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (patterns.length === 0) return [...specs];
  const matchers = patterns.map((p) => ({ pattern: p, re: globToRegExp(p) }));
  for (const { pattern, re } of matchers) {
    if (!specs.some((s) => re.test(s.name))) {
      throw new SelectionError(
        `PLATFORM_STACKS: "${pattern}" matches no stack. Stacks are named <service>-<environment>; ` +
          `known: ${specs.map((s) => s.name).join(', ')}.`,
      );
    }
  }
  return specs.filter((s) => matchers.some(({ re }) => re.test(s.name)));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}
