import type { Finding, GuardrailRule } from '../types';

export const FunctionOwnRole: GuardrailRule = {
  id: 'PLAT-LAMBDA-3',
  title: 'Every function has a role of its own',
  why: 'A shared role gives every function the union of all their rights; a role from outside the stack cannot be reviewed with it.',
  fix: 'Give each function its own aws_iam_role in the stack with only the grants it needs (ServiceFunction does).',
  check({ view }) {
    const findings: Finding[] = [];
    const users = new Map<string, string[]>();
    for (const fn of view.resources('aws_lambda_function')) {
      const role = view.referenced(fn.config.role, ['aws_iam_role']);
      if (!role) {
        findings.push({
          address: fn.address,
          problem: `its role ${String(fn.config.role)} is not an aws_iam_role of this stack`,
          fix: 'give the function its own aws_iam_role in the stack (ServiceFunction does)',
        });
        continue;
      }
      users.set(role.address, [...(users.get(role.address) ?? []), fn.address]);
    }
    for (const [role, fns] of users) {
      if (fns.length < 2) continue;
      for (const fn of fns) {
        findings.push({
          address: fn,
          problem: `shares the role ${role} with ${fns.filter((f) => f !== fn).join(', ')}`,
          fix: 'give each function its own role with only the grants it needs',
        });
      }
    }
    return findings;
  },
};
