import { QueueTlsOnly } from '../../src/guardrails/rules/QueueTlsOnly';
import { StackView } from '../../src/guardrails/StackView';
import type { TerraformJson } from '../../src/guardrails/types';

const check = (json: TerraformJson) =>
  QueueTlsOnly.check({ stack: 'orders-dev', view: new StackView(json), expected: {}, stateKeys: new Map() });

const DENY_HTTP = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 'sqs:*',
  Resource: '${aws_sqs_queue.q.arn}',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const ALLOW_TOPIC = {
  Sid: 'AllowTopic',
  Effect: 'Allow',
  Principal: { Service: 'sns.amazonaws.com' },
  Action: 'sqs:SendMessage',
  Resource: '${aws_sqs_queue.q.arn}',
};
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const queue = { name: 'orders-dev-q', sqs_managed_sse_enabled: true };
const withPolicies = (...policies: string[]): TerraformJson => ({
  resource: {
    aws_sqs_queue: { q: queue },
    ...(policies.length > 0
      ? {
          aws_sqs_queue_policy: Object.fromEntries(
            policies.map((p, i) => [`p${i}`, { queue_url: '${aws_sqs_queue.q.url}', policy: p }]),
          ),
        }
      : {}),
  },
});

describe('PLAT-SQS-4 QueueTlsOnly', () => {
  describe('compliant', () => {
    it('passes a queue whose one policy denies sqs:* to "*" without TLS, beside other statements', () => {
      expect(check(withPolicies(doc(ALLOW_TOPIC, DENY_HTTP)))).toEqual([]);
    });

    it('passes the same statement inline, with Principal {AWS: "*"}, "*" actions and a literal ARN', () => {
      const inline = doc({
        ...DENY_HTTP,
        Principal: { AWS: ['*'] },
        Action: ['*'],
        Resource: 'arn:aws:sqs:eu-west-1:111111111111:orders-dev-q',
      });
      expect(check({ resource: { aws_sqs_queue: { q: { ...queue, policy: inline } } } })).toEqual([]);
    });

    it('passes the statement from an aws_iam_policy_document of the stack', () => {
      const json: TerraformJson = {
        data: {
          aws_iam_policy_document: {
            d: {
              statement: [
                {
                  effect: 'Deny',
                  principals: [{ type: 'AWS', identifiers: ['*'] }],
                  actions: ['sqs:*'],
                  resources: ['${aws_sqs_queue.q.arn}'],
                  condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
                },
              ],
            },
          },
        },
        resource: withPolicies('${data.aws_iam_policy_document.d.json}').resource,
      };
      expect(check(json)).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    it('flags a queue without a policy, naming the fix', () => {
      expect(check(withPolicies())).toEqual([
        {
          address: 'aws_sqs_queue.q',
          problem: 'has no queue policy, so it accepts plain HTTP',
          fix: expect.stringMatching(
            /^deny sqs:\* to every principal \("\*"\) when aws:SecureTransport is false/,
          ),
        },
      ]);
    });

    it.each([
      ['only other statements', doc(ALLOW_TOPIC)],
      ['an Allow instead of a Deny', doc({ ...DENY_HTTP, Effect: 'Allow' })],
      ['only some principals', doc({ ...DENY_HTTP, Principal: { AWS: 'arn:aws:iam::1:root' } })],
      ['only some actions', doc({ ...DENY_HTTP, Action: 'sqs:SendMessage' })],
      ['another queue', doc({ ...DENY_HTTP, Resource: '${aws_sqs_queue.other.arn}' })],
      ['no condition (denies every request)', doc({ ...DENY_HTTP, Condition: undefined })],
      ['a policy that is not JSON', '${jsonencode({})}'],
    ])('flags a policy with %s', (_name, document) => {
      expect(check(withPolicies(document))).toEqual([
        expect.objectContaining({
          address: 'aws_sqs_queue.q',
          problem:
            'its policy (aws_sqs_queue_policy.p0) does not deny sqs:* to "*" when aws:SecureTransport is false',
        }),
      ]);
    });

    it('flags two policies on one queue, which overwrite each other', () => {
      expect(check(withPolicies(doc(DENY_HTTP), doc(ALLOW_TOPIC)))).toEqual([
        {
          address: 'aws_sqs_queue.q',
          problem:
            'has 2 policies (aws_sqs_queue_policy.p0, aws_sqs_queue_policy.p1), which overwrite each other: only the last applied holds',
          fix: 'merge their statements into one aws_sqs_queue_policy (QueuePolicy.of(queue).addStatements, or queue.addToResourcePolicy)',
        },
      ]);
    });
  });
});
