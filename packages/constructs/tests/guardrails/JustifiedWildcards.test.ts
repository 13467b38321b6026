import { JustifiedWildcards } from '../../src/guardrails/rules/JustifiedWildcards';
import { StackView } from '../../src/guardrails/StackView';
import type { StackExpectations, TerraformJson } from '../../src/guardrails/types';

const SERVICE: StackExpectations = { settingsPath: '/dev/orders/' };
const check = (json: TerraformJson, expected: StackExpectations = SERVICE) =>
  JustifiedWildcards.check({
    stack: 'orders-dev',
    view: new StackView(json),
    expected,
    stateKeys: new Map(),
  });

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const LOGS = 'arn:aws:logs:eu-west-1:111111111111:log-group';
const SSM = 'arn:aws:ssm:eu-west-1:111111111111:parameter';

/** A function with its role, log group and one inline policy (aws_iam_role_policy.p) of the statements. */
const functionWith = (...statements: object[]): TerraformJson => ({
  resource: {
    aws_lambda_function: {
      fn: {
        function_name: 'orders-dev-fn',
        role: '${aws_iam_role.role.arn}',
        logging_config: { log_group: '${aws_cloudwatch_log_group.logs.name}' },
      },
      other: { function_name: 'orders-dev-other', role: '${aws_iam_role.other.arn}' },
    },
    aws_iam_role: { role: { name: 'orders-dev-fn' }, other: { name: 'orders-dev-other' } },
    aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/orders-dev-fn', retention_in_days: 30 } },
    aws_iam_role_policy: { p: { role: '${aws_iam_role.role.name}', policy: doc(...statements) } },
  },
});

describe('PLAT-IAM-4 JustifiedWildcards', () => {
  describe('compliant', () => {
    it("passes the streams of the function's own log group", () => {
      const streams = { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] };
      expect(check(functionWith({ ...streams, Resource: `${LOGS}:/aws/lambda/orders-dev-fn:*` }))).toEqual(
        [],
      );
      expect(
        check(functionWith({ ...streams, Resource: `${LOGS}:/aws/lambda/orders-dev-fn:log-stream:*` })),
      ).toEqual([]);
    });

    it("passes parameters under the service's own settings path", () => {
      expect(
        check(
          functionWith({
            Effect: 'Allow',
            Action: 'ssm:GetParametersByPath',
            Resource: `${SSM}/dev/orders/*`,
          }),
        ),
      ).toEqual([]);
    });

    it('passes "*" for actions that take only "*" in the Service Authorization Reference', () => {
      expect(
        check(
          functionWith({
            Effect: 'Allow',
            Action: ['xray:PutTraceSegments', 'logs:DescribeLogGroups'],
            Resource: '*',
          }),
        ),
      ).toEqual([]);
    });

    it('passes the streams of a log group named literally, or by the default name of a function without one', () => {
      const json = functionWith({
        Effect: 'Allow',
        Action: 'logs:PutLogEvents',
        Resource: [`${LOGS}:/custom/fn:*`, `${LOGS}:/aws/lambda/orders-dev-plain:*`],
      });
      Object.assign(json.resource!.aws_lambda_function, {
        fn: {
          function_name: 'orders-dev-fn',
          role: '${aws_iam_role.role.arn}',
          logging_config: { log_group: '/custom/fn' },
        },
        plain: { function_name: 'orders-dev-plain', role: '${aws_iam_role.role.arn}' },
      });
      expect(check(json)).toEqual([]);
    });

    it('finds the role of a policy named literally, and of a managed policy by its attachments', () => {
      const streams = {
        Effect: 'Allow',
        Action: 'logs:PutLogEvents',
        Resource: `arn:aws-cn:logs:cn-north-1:111111111111:log-group:/aws/lambda/orders-dev-fn:*`,
      };
      const json = functionWith(streams);
      json.resource!.aws_iam_role_policy = { p: { role: 'orders-dev-fn', policy: doc(streams) } };
      json.resource!.aws_iam_policy = { m: { name: 'm', policy: doc(streams) } };
      json.resource!.aws_iam_role_policy_attachment = {
        other: { role: '${aws_iam_role.other.name}', policy_arn: '${aws_iam_policy.other.arn}' },
        a: { role: '${aws_iam_role.role.name}', policy_arn: '${aws_iam_policy.m.arn}' },
      };
      expect(check(json)).toEqual([]);
      json.resource!.aws_iam_role = {
        role: { name: 'orders-dev-fn', inline_policy: { name: 'logs', policy: doc(streams) } },
      };
      expect(check(json)).toEqual([]);
    });

    it('leaves resource policies and NotAction statements to the other rules', () => {
      const json = functionWith({
        Effect: 'Allow',
        NotAction: 'iam:*',
        Resource: 'arn:aws:sqs:eu-west-1:111111111111:orders-*',
      });
      json.resource!.aws_sqs_queue_policy = {
        q: {
          queue_url: '${aws_sqs_queue.q.url}',
          policy: doc({
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:Send*',
            Resource: 'arn:aws:sqs:eu-west-1:111111111111:orders-*',
          }),
        },
      };
      expect(check(json)).toEqual([]);
    });

    it('leaves "*" and <service>:* to PLAT-IAM-1 and PLAT-IAM-2, and Deny statements alone', () => {
      expect(
        check(
          functionWith(
            { Effect: 'Allow', Action: 'sqs:*', Resource: '${aws_sqs_queue.q.arn}' },
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
            { Effect: 'Deny', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' },
          ),
        ),
      ).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    it("flags the streams of another function's log group, naming the pattern to suppress", () => {
      const resource = `${LOGS}:/aws/lambda/orders-dev-other:*`;
      expect(
        check(functionWith({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: resource })),
      ).toEqual([
        {
          address: 'aws_iam_role_policy.p',
          problem: `policy allows logs:PutLogEvents on the wildcard resource ${resource}`,
          fix:
            'name the exact resource, or if the wildcard is deliberate suppress PLAT-IAM-4 on the policy with this pattern ' +
            `and a reason: suppress(policy, 'PLAT-IAM-4', '<why>', { appliesTo: ['Resource::${resource}'] })`,
          appliesTo: `Resource::${resource}`,
        },
      ]);
    });

    it("flags another service's settings, and settings outside a service stack", () => {
      const reports = { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: `${SSM}/dev/reports/*` };
      expect(check(functionWith(reports)).map((f) => f.appliesTo)).toEqual([
        `Resource::${SSM}/dev/reports/*`,
      ]);
      const own = { ...reports, Resource: `${SSM}/dev/orders/*` };
      expect(check(functionWith(own), {}).map((f) => f.appliesTo)).toEqual([`Resource::${SSM}/dev/orders/*`]);
      const queues = {
        ...reports,
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:eu-west-1:111111111111:q-*',
      };
      expect(check(functionWith(queues), {}).map((f) => f.appliesTo)).toEqual([
        'Resource::arn:aws:sqs:eu-west-1:111111111111:q-*',
      ]);
    });

    it('flags log streams and settings outside the patterns it knows', () => {
      const json = functionWith({
        Effect: 'Allow',
        Action: ['logs:PutLogEvents', 'ssm:GetParameter'],
        Resource: [
          // not a 12-digit account
          'arn:aws:logs:eu-west-1:1111:log-group:/aws/lambda/orders-dev-fn:*',
          // streams by prefix
          `${LOGS}:/aws/lambda/orders-dev-fn:log-stream:2026*`,
          // a prefix of parameter names under the path, not the path
          `${SSM}/dev/orders/db-*`,
          // the path of the service, but not of a parameter ARN
          'arn:aws:ssm:eu-west-1:111111111111:document/dev/orders/*',
        ],
      });
      expect(check(json).map((f) => f.appliesTo)).toEqual([
        'Resource::arn:aws:logs:eu-west-1:1111:log-group:/aws/lambda/orders-dev-fn:*',
        `Resource::${LOGS}:/aws/lambda/orders-dev-fn:log-stream:2026*`,
        `Resource::${SSM}/dev/orders/db-*`,
        'Resource::arn:aws:ssm:eu-west-1:111111111111:document/dev/orders/*',
      ]);
      expect(check(json)[0].problem).toBe(
        'policy allows logs:PutLogEvents, ssm:GetParameter on the wildcard resource ' +
          'arn:aws:logs:eu-west-1:1111:log-group:/aws/lambda/orders-dev-fn:*',
      );
    });

    it('flags wildcards inside an action, including *:* and a wildcard before the name', () => {
      const json = functionWith({
        Effect: 'Allow',
        Action: ['*:*', 'sqs:*Message', 'sqs:SendMessage'],
        Resource: '${aws_sqs_queue.q.arn}',
      });
      expect(check(json)).toEqual([
        {
          address: 'aws_iam_role_policy.p',
          problem: 'policy allows the wildcard action *:*',
          fix:
            'list the exact actions, or if the wildcard is deliberate suppress PLAT-IAM-4 on the policy with this pattern ' +
            "and a reason: suppress(policy, 'PLAT-IAM-4', '<why>', { appliesTo: ['Action::*:*'] })",
          appliesTo: 'Action::*:*',
        },
        expect.objectContaining({ appliesTo: 'Action::sqs:*Message' }),
      ]);
    });

    it("flags the streams of a function's log group in a policy no function's role holds", () => {
      const streams = {
        Effect: 'Allow',
        Action: 'logs:PutLogEvents',
        Resource: `${LOGS}:/aws/lambda/orders-dev-fn:*`,
      };
      const json = functionWith();
      delete json.resource!.aws_iam_role_policy;
      json.resource!.aws_iam_user_policy = { u: { user: 'ci', policy: doc(streams) } };
      json.resource!.aws_iam_policy = { m: { name: 'm', policy: doc(streams) } };
      expect(check(json).map((f) => f.address)).toEqual(['aws_iam_policy.m', 'aws_iam_user_policy.u']);
    });

    it('gives a managed policy the roles it is attached to, and a policy whose role is unknown none', () => {
      const streams = {
        Effect: 'Allow',
        Action: 'logs:PutLogEvents',
        Resource: `${LOGS}:/aws/lambda/orders-dev-fn:*`,
      };
      const json = functionWith(streams);
      Object.assign(json.resource!, {
        aws_iam_role_policy: {
          p: { role: '${aws_iam_role.role.name}', policy: doc(streams) },
          ghost: { role: 'orders-dev-ghost', policy: doc(streams) },
        },
        aws_iam_policy: { mine: { policy: doc(streams) }, theirs: { policy: doc(streams) } },
        aws_iam_role_policy_attachment: {
          mine: { role: '${aws_iam_role.role.name}', policy_arn: '${aws_iam_policy.mine.arn}' },
          theirs: { role: '${aws_iam_role.other.name}', policy_arn: '${aws_iam_policy.theirs.arn}' },
          nobody: { role: 'orders-dev-nobody', policy_arn: '${aws_iam_policy.theirs.arn}' },
        },
      });
      expect(check(json).map((f) => f.address)).toEqual([
        'aws_iam_role_policy.ghost',
        'aws_iam_policy.theirs',
      ]);
    });

    it('flags name prefixes and wildcard actions, each pattern once per policy', () => {
      const json = functionWith(
        {
          Effect: 'Allow',
          Action: 'lambda:Get*',
          Resource: 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*',
        },
        {
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*',
        },
      );
      expect(check(json).map((f) => [f.appliesTo, f.problem])).toEqual([
        ['Action::lambda:Get*', 'policy allows the wildcard action lambda:Get*'],
        [
          'Resource::arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*',
          'policy allows lambda:Get* on the wildcard resource arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*',
        ],
      ]);
    });

    it('checks customer managed policies attached to a role, and role inline policies', () => {
      const statement = {
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:eu-west-1:111111111111:orders-*',
      };
      const json: TerraformJson = {
        resource: {
          aws_iam_role: { r: { name: 'r', inline_policy: [{ name: 'i', policy: doc(statement) }] } },
          aws_iam_policy: { m: { name: 'm', policy: doc(statement) } },
          aws_iam_role_policy_attachment: {
            a: { role: '${aws_iam_role.r.name}', policy_arn: '${aws_iam_policy.m.arn}' },
          },
        },
      };
      expect(check(json).map((f) => [f.address, f.appliesTo])).toEqual([
        ['aws_iam_policy.m', 'Resource::arn:aws:sqs:eu-west-1:111111111111:orders-*'],
        ['aws_iam_role.r', 'Resource::arn:aws:sqs:eu-west-1:111111111111:orders-*'],
      ]);
    });
  });
});
