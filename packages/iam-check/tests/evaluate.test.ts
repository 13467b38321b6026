import { evaluate, isAllowed, UnsupportedPolicyError, wildcardMatch } from '../src';
import type { PolicyDocument, PolicyStatement } from '../src';

const FN = 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-create-order';
const policy = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const allow = (
  Action: string | string[],
  Resource: string | string[],
  extra: Partial<PolicyStatement> = {},
) => ({ Effect: 'Allow', Action, Resource, ...extra }) as PolicyStatement;

describe('evaluate: effects', () => {
  it('allows what an Allow statement names', () => {
    expect(
      evaluate([policy(allow('lambda:GetFunction', FN))], { action: 'lambda:GetFunction', resource: FN }),
    ).toBe('allowed');
  });

  it('denies implicitly what no statement names', () => {
    expect(
      evaluate([policy(allow('lambda:GetFunction', FN))], { action: 'lambda:DeleteFunction', resource: FN }),
    ).toBe('implicitDeny');
    expect(evaluate([], { action: 'lambda:GetFunction', resource: FN })).toBe('implicitDeny');
  });

  it('lets an explicit Deny in any policy win over an Allow in another', () => {
    const deny: PolicyStatement = { Effect: 'Deny', Action: 'lambda:*', Resource: '*' };
    expect(
      evaluate([policy(allow('lambda:GetFunction', FN)), policy(deny)], {
        action: 'lambda:GetFunction',
        resource: FN,
      }),
    ).toBe('explicitDeny');
  });

  it('accepts a policy given as the JSON string Terraform holds', () => {
    const text = JSON.stringify(policy(allow('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111111111111:q')));
    expect(
      isAllowed([JSON.parse(text)], {
        action: 'sqs:SendMessage',
        resource: 'arn:aws:sqs:eu-west-1:111111111111:q',
      }),
    ).toBe(true);
  });

  it('rejects an Effect that is neither Allow nor Deny', () => {
    const bad = { Effect: 'allow', Action: '*', Resource: '*' } as unknown as PolicyStatement;
    expect(() => evaluate([policy(bad)], { action: 'sqs:SendMessage', resource: '*' })).toThrow(
      /does not support Effect "allow". Supported: Allow or Deny/,
    );
  });
});

describe('evaluate: Action and NotAction', () => {
  it('matches actions case-insensitively, with * and ? wildcards', () => {
    const p = [policy(allow(['LAMBDA:get*', 'sqs:?endMessage'], '*'))];
    expect(isAllowed(p, { action: 'lambda:GetFunction', resource: FN })).toBe(true);
    expect(isAllowed(p, { action: 'sqs:SendMessage', resource: FN })).toBe(true);
    expect(isAllowed(p, { action: 'lambda:UpdateFunctionCode', resource: FN })).toBe(false);
    expect(isAllowed(p, { action: 'sqs:SendMessageBatch', resource: FN })).toBe(false);
  });

  it('applies a NotAction statement to every action but those named', () => {
    const p = [policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })];
    expect(
      isAllowed(p, { action: 'sqs:CreateQueue', resource: 'arn:aws:sqs:eu-west-1:111111111111:q' }),
    ).toBe(true);
    expect(isAllowed(p, { action: 'iam:CreateRole', resource: 'arn:aws:iam::111111111111:role/r' })).toBe(
      false,
    );
  });

  it('refuses a statement with neither Action nor NotAction', () => {
    expect(() =>
      evaluate([policy({ Effect: 'Allow', Resource: '*' })], { action: 'a:b', resource: '*' }),
    ).toThrow(/a statement without Action or NotAction/);
  });
});

describe('evaluate: Resource and NotResource', () => {
  const prefix = [
    policy(allow('lambda:GetFunction', 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*')),
  ];

  it('matches a name prefix, and a * spans colons (an alias of the function)', () => {
    expect(isAllowed(prefix, { action: 'lambda:GetFunction', resource: FN })).toBe(true);
    expect(isAllowed(prefix, { action: 'lambda:GetFunction', resource: `${FN}:live` })).toBe(true);
  });

  it("does not match another service's prefix, another account or another region", () => {
    for (const resource of [
      'arn:aws:lambda:eu-west-1:111111111111:function:reports-dev-create-order',
      'arn:aws:lambda:eu-west-1:222222222222:function:orders-dev-create-order',
      'arn:aws:lambda:us-east-1:111111111111:function:orders-dev-create-order',
    ]) {
      expect(isAllowed(prefix, { action: 'lambda:GetFunction', resource })).toBe(false);
    }
  });

  it('compares resources case-sensitively', () => {
    expect(
      isAllowed(prefix, { action: 'lambda:GetFunction', resource: FN.replace('orders', 'Orders') }),
    ).toBe(false);
  });

  it('treats ? as exactly one character (Secrets Manager suffixes)', () => {
    const p = [
      policy(allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:1:secret:key-??????')),
    ];
    expect(
      isAllowed(p, {
        action: 'secretsmanager:GetSecretValue',
        resource: 'arn:aws:secretsmanager:eu-west-1:1:secret:key-AbC123',
      }),
    ).toBe(true);
    expect(
      isAllowed(p, {
        action: 'secretsmanager:GetSecretValue',
        resource: 'arn:aws:secretsmanager:eu-west-1:1:secret:key-AbC12',
      }),
    ).toBe(false);
  });

  it('applies a NotResource statement to every resource but those named', () => {
    const p = [
      policy({ Effect: 'Deny', Action: 'iam:*', NotResource: 'arn:aws:iam::1:role/orders-*' }),
      policy(allow('iam:*', '*')),
    ];
    expect(evaluate(p, { action: 'iam:PutRolePolicy', resource: 'arn:aws:iam::1:role/orders-x' })).toBe(
      'allowed',
    );
    expect(evaluate(p, { action: 'iam:PutRolePolicy', resource: 'arn:aws:iam::1:role/admin' })).toBe(
      'explicitDeny',
    );
  });
});

describe('evaluate: conditions', () => {
  const passRole = [
    policy(
      allow('iam:PassRole', 'arn:aws:iam::1:role/orders-dev-*', {
        Condition: {
          StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', 'scheduler.amazonaws.com'] },
        },
      }),
    ),
  ];
  const pass = (service?: string) => ({
    action: 'iam:PassRole',
    resource: 'arn:aws:iam::1:role/orders-dev-x',
    ...(service ? { context: { 'iam:PassedToService': service } } : {}),
  });

  it('StringEquals holds when the key equals any of the values', () => {
    expect(isAllowed(passRole, pass('scheduler.amazonaws.com'))).toBe(true);
    expect(isAllowed(passRole, pass('ec2.amazonaws.com'))).toBe(false);
  });

  it('a condition on a key the request lacks does not hold', () => {
    expect(isAllowed(passRole, pass())).toBe(false);
  });

  it('reads condition keys case-insensitively', () => {
    expect(
      isAllowed(passRole, { ...pass(), context: { 'IAM:passedToService': 'lambda.amazonaws.com' } }),
    ).toBe(true);
  });

  it('StringLike and ArnLike match wildcards; ArnLike part by part', () => {
    const like = (operator: string, pattern: string, value: string) =>
      isAllowed(
        [
          policy(
            allow('lambda:UpdateEventSourceMapping', '*', {
              Condition: { [operator]: { 'lambda:FunctionArn': pattern } },
            }),
          ),
        ],
        {
          action: 'lambda:UpdateEventSourceMapping',
          resource: '*',
          context: { 'lambda:FunctionArn': value },
        },
      );
    expect(like('StringLike', `${FN.slice(0, -12)}*`, `${FN}:live`)).toBe(true);
    expect(like('StringLike', 'arn:aws:lambda:*:function:orders-*', FN.replace('orders', 'reports'))).toBe(
      false,
    );
    expect(like('ArnLike', 'arn:aws:lambda:*:111111111111:function:orders-*', FN)).toBe(true);
    // ArnLike: a * in the region part cannot swallow the account.
    expect(like('ArnLike', 'arn:aws:lambda:*:function:orders-*', FN)).toBe(false);
    expect(like('ArnEquals', FN, FN)).toBe(true);
  });

  it('every operator of a block must hold', () => {
    const both = [
      policy(
        allow('sts:AssumeRoleWithWebIdentity', '*', {
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/platform:*' },
          },
        }),
      ),
    ];
    const request = (aud: string, sub: string) => ({
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: '*',
      context: {
        'token.actions.githubusercontent.com:aud': aud,
        'token.actions.githubusercontent.com:sub': sub,
      },
    });
    expect(isAllowed(both, request('sts.amazonaws.com', 'repo:acme/platform:pull_request'))).toBe(true);
    expect(isAllowed(both, request('sts.amazonaws.com', 'repo:evil/platform:pull_request'))).toBe(false);
    expect(isAllowed(both, request('other', 'repo:acme/platform:pull_request'))).toBe(false);
  });

  it('negated operators hold when no value matches, and when the key is absent', () => {
    const notLike = [
      policy(
        allow('s3:GetObject', '*', {
          Condition: { StringNotLike: { 'aws:PrincipalTag/team': 'insights*' } },
        }),
      ),
    ];
    const get = (team?: string) => ({
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      ...(team ? { context: { 'aws:PrincipalTag/team': team } } : {}),
    });
    expect(isAllowed(notLike, get('commerce'))).toBe(true);
    expect(isAllowed(notLike, get('insights-data'))).toBe(false);
    expect(isAllowed(notLike, get())).toBe(true);
  });

  it('IfExists holds when the key is absent, and tests it when present; Null tests presence', () => {
    const ifExists = [
      policy(
        allow('s3:PutObject', '*', { Condition: { StringEqualsIfExists: { 's3:x-amz-acl': 'private' } } }),
      ),
    ];
    expect(isAllowed(ifExists, { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' })).toBe(true);
    expect(
      isAllowed(ifExists, {
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::b/k',
        context: { 's3:x-amz-acl': 'public-read' },
      }),
    ).toBe(false);
    const absent = [policy(allow('s3:PutObject', '*', { Condition: { Null: { 's3:x-amz-acl': 'true' } } }))];
    expect(isAllowed(absent, { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' })).toBe(true);
    expect(
      isAllowed(absent, {
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::b/k',
        context: { 's3:x-amz-acl': 'private' },
      }),
    ).toBe(false);
  });

  it('Bool and Numeric operators compare as IAM does', () => {
    const tls = [
      policy({
        Effect: 'Deny',
        Action: 's3:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      policy(allow('s3:*', '*')),
    ];
    expect(
      evaluate(tls, {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
        context: { 'aws:SecureTransport': 'false' },
      }),
    ).toBe('explicitDeny');
    expect(
      evaluate(tls, {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
        context: { 'aws:SecureTransport': 'true' },
      }),
    ).toBe('allowed');
    const age = [
      policy(allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 's3:signatureAge': '600000' } } })),
    ];
    expect(
      isAllowed(age, { action: 's3:GetObject', resource: '*', context: { 's3:signatureAge': '1000' } }),
    ).toBe(true);
    expect(
      isAllowed(age, { action: 's3:GetObject', resource: '*', context: { 's3:signatureAge': '600000' } }),
    ).toBe(false);
  });

  it.each([
    ['StringEqualsIgnoreCase', 'Lambda.AmazonAWS.com', 'lambda.amazonaws.com', true],
    ['StringNotEquals', 'a', 'b', true],
    ['StringNotEqualsIgnoreCase', 'A', 'a', false],
    ['ArnNotEquals', 'arn:aws:sqs:eu-west-1:1:q', 'arn:aws:sqs:eu-west-1:1:q', false],
    ['ArnNotLike', 'arn:aws:sqs:*:1:orders-*', 'arn:aws:sqs:eu-west-1:1:reports-q', true],
    ['NumericEquals', '10', '10', true],
    ['NumericNotEquals', '10', '10', false],
    ['NumericLessThanEquals', '10', '10', true],
    ['NumericGreaterThan', '10', '11', true],
    ['NumericGreaterThanEquals', '10', '9', false],
  ])('%s %s against %s: %s', (operator, expected, actual, holds) => {
    const p = [
      policy(allow('s3:GetObject', '*', { Condition: { [operator]: { 'aws:SomeKey': expected } } })),
    ];
    expect(isAllowed(p, { action: 's3:GetObject', resource: '*', context: { 'aws:SomeKey': actual } })).toBe(
      holds,
    );
  });

  it('refuses operators it does not model instead of guessing', () => {
    const set = [
      policy(
        allow('s3:GetObject', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' } } }),
      ),
    ];
    expect(() => evaluate(set, { action: 's3:GetObject', resource: '*' })).toThrow(
      /does not support condition operator ForAllValues:StringEquals/,
    );
    const date = [
      policy(
        allow('s3:GetObject', '*', { Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01' } } }),
      ),
    ];
    expect(() => evaluate(date, { action: 's3:GetObject', resource: '*' })).toThrow(UnsupportedPolicyError);
  });
});

describe('wildcardMatch', () => {
  it('escapes everything but * and ?', () => {
    expect(wildcardMatch('a.b(c)', 'a.b(c)')).toBe(true);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('/dev/orders/*', '/dev/orders/a/b')).toBe(true);
    expect(wildcardMatch('/dev/orders/*', '/dev/orders')).toBe(false);
  });
});
