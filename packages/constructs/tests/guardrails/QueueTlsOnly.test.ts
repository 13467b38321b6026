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

/** The queue's one policy from an aws_iam_policy_document of the stack, with this statement. */
const withDocument = (statement: object): TerraformJson => ({
  data: { aws_iam_policy_document: { d: { statement: [statement] } } },
  resource: withPolicies('${data.aws_iam_policy_document.d.json}').resource,
});
/** DENY_HTTP in the document's shape, without its effect. */
const DENY_HTTP_DOCUMENT = {
  principals: [{ type: 'AWS', identifiers: ['*'] }],
  actions: ['sqs:*'],
  resources: ['${aws_sqs_queue.q.arn}'],
  condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
};

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

    it('passes a single Statement object with Principal "*", any-case SQS:* and Resource "*"', () => {
      const single = JSON.stringify({
        Version: '2012-10-17',
        Statement: { ...DENY_HTTP, Action: 'SQS:*', Resource: '*' },
      });
      expect(check(withPolicies(single))).toEqual([]);
    });

    it('passes the statement among other actions and other resources', () => {
      const statement = {
        ...DENY_HTTP,
        Action: ['sqs:SendMessage', 'sqs:*'],
        Resource: ['${aws_sqs_queue.other.arn}', '${aws_sqs_queue.q.arn}'],
      };
      expect(check(withPolicies(doc(statement)))).toEqual([]);
    });

    it('passes the statement from an aws_iam_policy_document of the stack', () => {
      expect(check(withDocument({ effect: 'Deny', ...DENY_HTTP_DOCUMENT }))).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    it('flags a queue without a policy, naming the fix', () => {
      expect(check(withPolicies())).toEqual([
        {
          address: 'aws_sqs_queue.q',
          problem: 'has no queue policy, so it accepts plain HTTP',
          fix:
            'deny sqs:* to every principal ("*") when aws:SecureTransport is false, in the one policy of the queue ' +
            '(Queue and SqsConsumer do; for another queue QueuePolicy.of(queue), which starts with that statement)',
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
      [
        'a condition on TLS requests',
        doc({ ...DENY_HTTP, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      ],
      [
        'a condition that matches both values',
        doc({ ...DENY_HTTP, Condition: { Bool: { 'aws:SecureTransport': ['false', 'true'] } } }),
      ],
      [
        'the key under another operator',
        doc({ ...DENY_HTTP, Condition: { StringEquals: { 'aws:SecureTransport': 'false' } } }),
      ],
      ['a service principal', doc({ ...DENY_HTTP, Principal: { Service: '*' } })],
      [
        "the ARN of a queue whose name ends in this one's",
        doc({ ...DENY_HTTP, Resource: 'arn:aws:sqs:eu-west-1:111111111111:x-orders-dev-q' }),
      ],
      [
        "the ARN of a queue whose name starts with this one's",
        doc({ ...DENY_HTTP, Resource: 'arn:aws:sqs:eu-west-1:111111111111:orders-dev-q2' }),
      ],
      ['a resource that is not an ARN', doc({ ...DENY_HTTP, Resource: 'sqs:orders-dev-q' })],
      ['no Statement', JSON.stringify({ Version: '2012-10-17' })],
      ['a null Statement', JSON.stringify({ Version: '2012-10-17', Statement: null })],
      ['no Principal', doc({ ...DENY_HTTP, Principal: undefined })],
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

    it('flags a literal ARN when the queue has no literal name to compare it with', () => {
      const json = withPolicies(
        doc({ ...DENY_HTTP, Resource: 'arn:aws:sqs:eu-west-1:111111111111:orders-dev-q' }),
      );
      json.resource!.aws_sqs_queue = { q: { name_prefix: 'orders-dev-q', sqs_managed_sse_enabled: true } };
      expect(check(json).map((f) => f.problem)).toEqual([
        'its policy (aws_sqs_queue_policy.p0) does not deny sqs:* to "*" when aws:SecureTransport is false',
      ]);
      // Not even an ARN that ends in what String(undefined) gives.
      json.resource!.aws_sqs_queue_policy!.p0.policy = doc({
        ...DENY_HTTP,
        Resource: 'arn:aws:sqs:eu-west-1:111111111111:undefined',
      });
      expect(check(json).map((f) => f.problem)).toEqual([
        'its policy (aws_sqs_queue_policy.p0) does not deny sqs:* to "*" when aws:SecureTransport is false',
      ]);
    });

    it('reads a policy document with no effect as Allow, as Terraform does', () => {
      const json = withDocument(DENY_HTTP_DOCUMENT);
      expect(check(json).map((f) => f.problem)).toEqual([
        'its policy (aws_sqs_queue_policy.p0) does not deny sqs:* to "*" when aws:SecureTransport is false',
      ]);
    });

    it('checks each queue against its own policies only', () => {
      const json: TerraformJson = {
        resource: {
          aws_sqs_queue: { q: queue, other: { name: 'orders-dev-other' } },
          aws_sqs_queue_policy: {
            p: { queue_url: '${aws_sqs_queue.q.url}', policy: doc(DENY_HTTP) },
            o: { queue_url: '${aws_sqs_queue.other.url}', policy: doc(ALLOW_TOPIC) },
          },
        },
      };
      expect(check(json).map((f) => [f.address, f.problem])).toEqual([
        [
          'aws_sqs_queue.other',
          'its policy (aws_sqs_queue_policy.o) does not deny sqs:* to "*" when aws:SecureTransport is false',
        ],
      ]);
    });

    it('counts an inline policy and an aws_sqs_queue_policy as two', () => {
      const json = withPolicies(doc(DENY_HTTP));
      json.resource!.aws_sqs_queue = { q: { ...queue, policy: doc(DENY_HTTP) } };
      expect(check(json).map((f) => f.problem)).toEqual([
        'has 2 policies (aws_sqs_queue.q (policy), aws_sqs_queue_policy.p0), which overwrite each other: only the last applied holds',
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
