import { NoAwsManagedPolicies } from '../../src/guardrails/rules/NoAwsManagedPolicies';
import { StackView } from '../../src/guardrails/StackView';
import type { TerraformJson } from '../../src/guardrails/types';

const check = (json: TerraformJson) =>
  NoAwsManagedPolicies.check({
    stack: 'bootstrap',
    view: new StackView(json),
    expected: {},
    stateKeys: new Map(),
  });

const attachment = (policyArn: string): TerraformJson => ({
  resource: {
    aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.plan.name}', policy_arn: policyArn } },
  },
});

describe('PLAT-IAM-3 NoAwsManagedPolicies', () => {
  describe('compliant', () => {
    it.each([
      ['a customer managed policy of the stack', '${aws_iam_policy.plan-read.arn}'],
      ['a customer managed policy by ARN', 'arn:aws:iam::111111111111:policy/acme-platform-plan-read'],
    ])('passes %s', (_name, policyArn) => {
      expect(check(attachment(policyArn))).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    it('flags an attachment of an AWS-managed policy, naming it and the fix', () => {
      expect(check(attachment('arn:aws:iam::aws:policy/ReadOnlyAccess'))).toEqual([
        {
          address: 'aws_iam_role_policy_attachment.a',
          problem: 'attaches the AWS-managed policy ReadOnlyAccess (arn:aws:iam::aws:policy/ReadOnlyAccess)',
          fix: 'attach a customer managed policy with only the actions needed instead of ReadOnlyAccess, or suppress PLAT-IAM-3 on this attachment with the reason it is deliberate',
        },
      ]);
    });

    it('flags AWS-managed policies in every other partition and place a role, user or group takes one', () => {
      const json: TerraformJson = {
        resource: {
          aws_iam_role: {
            r: {
              name: 'r',
              managed_policy_arns: ['arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess'],
            },
          },
          aws_iam_role_policy_attachments_exclusive: {
            e: { role_name: 'r', policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
          },
          aws_iam_user_policy_attachment: {
            u: { user: 'u', policy_arn: 'arn:aws:iam::aws:policy/IAMFullAccess' },
          },
          aws_iam_group_policy_attachment: {
            g: { group: 'g', policy_arn: 'arn:aws-cn:iam::aws:policy/PowerUserAccess' },
          },
          aws_iam_policy_attachment: {
            p: { name: 'p', roles: ['r'], policy_arn: 'arn:aws:iam::aws:policy/SecurityAudit' },
          },
        },
      };
      expect(check(json).map((f) => [f.address, f.problem.split(' (')[0]])).toEqual([
        ['aws_iam_user_policy_attachment.u', 'attaches the AWS-managed policy IAMFullAccess'],
        ['aws_iam_group_policy_attachment.g', 'attaches the AWS-managed policy PowerUserAccess'],
        ['aws_iam_policy_attachment.p', 'attaches the AWS-managed policy SecurityAudit'],
        ['aws_iam_role.r', 'attaches the AWS-managed policy job-function/ViewOnlyAccess'],
        [
          'aws_iam_role_policy_attachments_exclusive.e',
          'attaches the AWS-managed policy AdministratorAccess',
        ],
      ]);
    });
  });
});
