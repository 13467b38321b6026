import { Lazy } from 'cdktf';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { duplicateStatementId } from './errors';
import { policyDocument, type PolicyStatement } from './iam';

/** The Sid of the statement every platform queue starts with (guardrail PLAT-SQS-4). */
export const TLS_ONLY_SID = 'DenyInsecureTransport';

/** Denies every SQS action to everyone on the queue when the request did not use TLS. */
export const tlsOnlyStatement = (queueArn: string): PolicyStatement => ({
  Sid: TLS_ONLY_SID,
  Effect: 'Deny',
  Principal: '*',
  Action: 'sqs:*',
  Resource: queueArn,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

const policies = new WeakMap<SqsQueue, QueuePolicy>();

/**
 * The one resource policy of a queue. SQS keeps a single `Policy` attribute per queue, so two
 * `aws_sqs_queue_policy` resources on one queue overwrite each other (whichever applies last wins,
 * and the TLS-only statement may be lost): every construct adds its statements here instead.
 * It starts with the TLS-only deny; the document is rendered at synth, with every statement added
 * until then.
 *
 * @example QueuePolicy.of(consumer.queue).addStatements({ Sid: 'AllowOrdersTopic', Effect: 'Allow',
 *   Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: consumer.queueArn,
 *   Condition: { ArnEquals: { 'aws:SourceArn': topicArn } } });
 */
export class QueuePolicy {
  /** The `aws_sqs_queue_policy` beside the queue, id `<queue id>-policy`. */
  readonly resource: SqsQueuePolicy;
  private readonly statements: PolicyStatement[];

  /** The queue's policy, created with its TLS-only statement on first use. */
  static of(queue: SqsQueue): QueuePolicy {
    return policies.get(queue) ?? new QueuePolicy(queue);
  }

  private constructor(readonly queue: SqsQueue) {
    policies.set(queue, this);
    this.statements = [tlsOnlyStatement(queue.arn)];
    // The queue's scope, not the queue: a resource as a construct parent would move its address.
    this.resource = new SqsQueuePolicy(queue.node.scope!, `${queue.node.id}-policy`, {
      queueUrl: queue.url,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });
  }

  /** Adds statements; each needs a Sid of its own in this policy (IAM rejects duplicates). */
  addStatements(...statements: readonly PolicyStatement[]): void {
    for (const statement of statements) {
      const sid = statement.Sid;
      if (!sid || this.statements.some((s) => s.Sid === sid))
        throw duplicateStatementId(this.queue.node.path, sid, this.sids());
      this.statements.push(statement);
    }
  }

  private sids(): string[] {
    return this.statements.map((s) => s.Sid ?? '');
  }
}
