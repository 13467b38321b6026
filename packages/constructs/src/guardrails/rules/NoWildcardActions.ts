import { policiesOf } from '../policies';
import type { Finding, GuardrailRule } from '../types';

const WILDCARD = /^(\*|[\w-]+:\*)$/;

export const NoWildcardActions: GuardrailRule = {
  id: 'PLAT-IAM-1',
  title: 'No wildcard IAM actions',
  why: '`*` or `service:*` grants every present and future action of a service, including destructive and permission-changing ones.',
  fix: 'List the exact actions needed, or use a typed grant such as fn.grantSend(queue); build policies as plain JSON (policyDocument).',
  check({ view }) {
    const findings: Finding[] = [];
    for (const policy of policiesOf(view)) {
      if (policy.unreadable !== undefined) {
        findings.push({
          address: policy.address,
          problem: `${policy.field} is not plain JSON (${policy.unreadable}), so its actions cannot be checked`,
          fix: 'build the policy with JSON.stringify (src/iam.ts policyDocument) or an aws_iam_policy_document in this stack',
        });
        continue;
      }
      for (const s of policy.statements.filter((st) => st.effect === 'Allow')) {
        const wild = s.actions.filter((a) => WILDCARD.test(a));
        if (wild.length > 0) {
          findings.push({
            address: policy.address,
            problem: `${policy.field} allows the wildcard action(s) ${wild.join(', ')}`,
            fix: 'list the exact actions needed (e.g. sqs:SendMessage), or use a typed grant such as fn.grantSend(queue)',
          });
        }
        if (s.notActions.length > 0) {
          findings.push({
            address: policy.address,
            problem: `${policy.field} uses NotAction with Allow (${s.notActions.join(', ')}), which allows every other action`,
            fix: 'use Action with the exact actions needed',
          });
        }
      }
    }
    return findings;
  },
};
