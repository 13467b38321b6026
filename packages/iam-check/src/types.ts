export type OneOrMany<T> = T | readonly T[];

/** `{ "StringEquals": { "iam:PassedToService": ["lambda.amazonaws.com"] } }` */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, OneOrMany<string>>>>>;

/** One statement of an identity-based policy, as IAM reads it. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: OneOrMany<string>;
  readonly NotAction?: OneOrMany<string>;
  readonly Resource?: OneOrMany<string>;
  readonly NotResource?: OneOrMany<string>;
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: OneOrMany<PolicyStatement>;
}

/** One API call as IAM authorizes it: an action on a resource ARN, with the request's condition keys. */
export interface Request {
  readonly action: string;
  readonly resource: string;
  /** Condition keys of the request, e.g. `{ 'iam:PassedToService': 'lambda.amazonaws.com' }`. */
  readonly context?: Readonly<Record<string, OneOrMany<string>>>;
}
