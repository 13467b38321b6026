import type { Finding, GuardrailRule, StackViewLike, TfBlock, TfResource } from '../types';

const FIX =
  'deny sqs:* to every principal ("*") when aws:SecureTransport is false, in the one policy of the queue ' +
  '(Queue and SqsConsumer do; for another queue QueuePolicy.of(queue), which starts with that statement)';

export const QueueTlsOnly: GuardrailRule = {
  id: 'PLAT-SQS-4',
  title: 'Every queue refuses requests without TLS',
  why:
    'Without a policy that denies requests where aws:SecureTransport is false, a client configured for plain ' +
    'HTTP sends messages and signed requests unencrypted over the network.',
  fix:
    'Deny sqs:* to every principal when aws:SecureTransport is false, in the one policy of the queue: Queue, ' +
    'SqsConsumer and the DLQs of the constructs do; for another queue, QueuePolicy.of(queue) starts with that statement.',
  check({ view }) {
    const findings: Finding[] = [];
    for (const queue of view.resources('aws_sqs_queue')) {
      const policies = policiesOf(view, queue);
      if (policies.length > 1) {
        findings.push({
          address: queue.address,
          problem: `has ${policies.length} policies (${policies.map((p) => p.address).join(', ')}), which overwrite each other: only the last applied holds`,
          fix: 'merge their statements into one aws_sqs_queue_policy (QueuePolicy.of(queue).addStatements, or queue.addToResourcePolicy)',
        });
      } else if (policies.length === 0) {
        findings.push({
          address: queue.address,
          problem: 'has no queue policy, so it accepts plain HTTP',
          fix: FIX,
        });
      } else if (!statementsOf(view, policies[0].document).some((s) => deniesPlainHttp(s, queue))) {
        findings.push({
          address: queue.address,
          problem: `its policy (${policies[0].address}) does not deny sqs:* to "*" when aws:SecureTransport is false`,
          fix: FIX,
        });
      }
    }
    return findings;
  },
};

interface QueuePolicySource {
  readonly address: string;
  readonly document: unknown;
}

/** The queue's inline `policy` and every aws_sqs_queue_policy on it. */
function policiesOf(view: StackViewLike, queue: TfResource): QueuePolicySource[] {
  const inline = queue.config.policy;
  return [
    ...(inline ? [{ address: `${queue.address} (policy)`, document: inline }] : []),
    ...view
      .resources('aws_sqs_queue_policy')
      .filter((p) => view.referenced(p.config.queue_url, ['aws_sqs_queue'])?.address === queue.address)
      .map((p) => ({ address: p.address, document: p.config.policy })),
  ];
}

/** Statements in the IAM JSON shape, from a JSON string or an aws_iam_policy_document of the stack. */
function statementsOf(view: StackViewLike, document: unknown): TfBlock[] {
  const data = view.referenced(document, ['data.aws_iam_policy_document']);
  if (data) {
    return list(data.config.statement).map((s: TfBlock) => ({
      Effect: s.effect ?? 'Allow',
      Principal: Object.fromEntries(list(s.principals).map((p: TfBlock) => [p.type, p.identifiers])),
      Action: s.actions,
      Resource: s.resources,
      Condition: Object.fromEntries(
        list(s.condition).map((c: TfBlock) => [c.test, { [c.variable]: c.values }]),
      ),
    }));
  }
  try {
    const parsed = typeof document === 'string' ? JSON.parse(document) : document;
    return list((parsed as TfBlock)?.Statement);
  } catch {
    return [];
  }
}

function deniesPlainHttp(s: TfBlock, queue: TfResource): boolean {
  const principals = s.Principal === '*' ? ['*'] : list(s.Principal?.AWS);
  const secure = list(s.Condition?.Bool?.['aws:SecureTransport']).map(String);
  return (
    s.Effect === 'Deny' &&
    principals.includes('*') &&
    list(s.Action).some((a) => a === '*' || String(a).toLowerCase() === 'sqs:*') &&
    list(s.Resource).some((r) => r === '*' || coversQueue(String(r), queue)) &&
    secure.length === 1 &&
    secure[0] === 'false'
  );
}

/** `${aws_sqs_queue.<name>.arn}`, or a literal ARN ending in the queue's name. */
function coversQueue(resource: string, queue: TfResource): boolean {
  return (
    resource === `\${${queue.address}.arn}` ||
    (typeof queue.config.name === 'string' &&
      resource.startsWith('arn:') &&
      resource.endsWith(`:${queue.config.name}`))
  );
}

/** One value or a list of them, as a list (Terraform and IAM JSON accept both). */
function list(value: unknown): TfBlock[string][] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
