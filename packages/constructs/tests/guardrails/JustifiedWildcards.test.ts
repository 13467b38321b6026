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
