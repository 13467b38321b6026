import type { Finding, GuardrailRule, TfResource } from '../types';

const AWS_MANAGED = /^arn:aws[\w-]*:iam::aws:policy\/(.+)$/;

/** Where a policy ARN can be attached to a role, user or group: [resource type, attribute]. */
const ATTACHMENTS: readonly (readonly [string, string])[] = [
  ['aws_iam_role_policy_attachment', 'policy_arn'],
  ['aws_iam_user_policy_attachment', 'policy_arn'],
  ['aws_iam_group_policy_attachment', 'policy_arn'],
  ['aws_iam_policy_attachment', 'policy_arn'],
  ['aws_iam_role', 'managed_policy_arns'],
  ['aws_iam_role_policy_attachments_exclusive', 'policy_arns'],
];

export const NoAwsManagedPolicies: GuardrailRule = {
  id: 'PLAT-IAM-3',
  title: 'No AWS-managed policies on platform roles',
  why:
    'AWS-managed policies grant what AWS decides, for every resource of the account, and AWS adds actions ' +
    'to them without review: a role should hold exactly the actions it needs, in a policy of our own.',
  fix:
    'Attach a customer managed or inline policy with the actions the role needs; for a deliberate ' +
    "exception, suppress PLAT-IAM-3 on the attachment with the reason (suppress(attachment, 'PLAT-IAM-3', '...')).",
  check({ view }) {
    const findings: Finding[] = [];
    for (const [type, field] of ATTACHMENTS) {
      for (const resource of view.resources(type)) {
        for (const arn of arns(resource, field)) {
          const name = AWS_MANAGED.exec(arn)?.[1];
          if (!name) continue;
          findings.push({
            address: resource.address,
            problem: `attaches the AWS-managed policy ${name} (${arn})`,
            fix: `attach a customer managed policy with only the actions needed instead of ${name}, or suppress PLAT-IAM-3 on this attachment with the reason it is deliberate`,
          });
        }
      }
    }
    return findings;
  },
};

function arns(resource: TfResource, field: string): string[] {
  const value: unknown = resource.config[field];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}
