import { acceptsOnlyAllResources } from '../../iamReference';
import { policiesOf } from '../policies';
import type { Finding, GuardrailRule } from '../types';

/** `*`, or an ARN whose resource part is only a wildcard (arn:aws:sqs:*:*:*). */
export const ALL_RESOURCES = /^(\*|arn:[^:]+:[^:]+:[^:]*:[^:]*:\*)$/;

export const NoWildcardResources: GuardrailRule = {
  id: 'PLAT-IAM-2',
  title: 'No wildcard IAM resources',
  why: '`"Resource": "*"` lets a role act on every resource of its kind in the account, not just its own.',
  fix: 'Name the exact resource ARNs; only actions that have no resource type in the Service Authorization Reference may use "*".',
  check({ view }) {
    const findings: Finding[] = [];
    for (const policy of policiesOf(view).filter((p) => p.kind === 'identity')) {
      for (const s of policy.statements.filter((st) => st.effect === 'Allow')) {
        const wildcard = s.resources.filter((r) => ALL_RESOURCES.test(r));
        // NotAction allows every other action, most of which have a resource type.
        const needy =
          s.notActions.length > 0
            ? [`every action except ${s.notActions.join(', ')}`]
            : s.actions.filter((a) => !acceptsOnlyAllResources(a));
        if (wildcard.length > 0 && needy.length > 0) {
          findings.push({
            address: policy.address,
            problem: `${policy.field} allows ${needy.join(', ')} on ${wildcard.join(', ')}`,
            fix: 'name the exact resource ARNs (only actions without a resource type, such as xray:PutTraceSegments, may use "*")',
          });
        }
        if (s.notResources.length > 0) {
          findings.push({
            address: policy.address,
            problem: `${policy.field} uses NotResource with Allow, which allows every other resource`,
            fix: 'use Resource with the exact ARNs',
          });
        }
      }
    }
    return findings;
  },
};
