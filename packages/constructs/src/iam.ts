/**
 * IAM policies as plain JSON strings: readable in the synthesized stack, checked by the guardrails
 * without any plan-time data source. References (`${aws_sqs_queue.x.arn}`) stay inside the strings.
 */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  /** `"*"` is every principal (resource policies: with a condition, or in a Deny). */
  readonly Principal?: '*' | Record<string, string | readonly string[]>;
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A trust policy for an AWS service, optionally only on behalf of this account (confused-deputy guard). */
export function assumeRolePolicy(service: string, sourceAccount?: string): string {
  return policyDocument([
    {
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      ...(sourceAccount ? { Condition: { StringEquals: { 'aws:SourceAccount': sourceAccount } } } : {}),
    },
  ]);
}

/** Allows one set of actions on the given resources. */
export const allow = (
  actions: readonly string[],
  resources: readonly string[],
  extra: Partial<PolicyStatement> = {},
): PolicyStatement => ({
  Effect: 'Allow',
  Action: actions.length === 1 ? actions[0] : actions,
  Resource: resources.length === 1 ? resources[0] : resources,
  ...extra,
});
