import { sqsConsumptions } from '../consumers';
import type { Finding, GuardrailRule } from '../types';

export const ConsumedQueueDeadLetter: GuardrailRule = {
  id: 'PLAT-SQS-1',
  title: 'Every queue consumed by a function has a dead-letter queue',
  why: 'Without a DLQ a message that always fails is retried until its retention ends, then silently lost.',
  fix: 'Consume queues of this stack through SqsConsumer, which gives each a DLQ after maxReceiveCount (5) receives.',
  check({ view }) {
    const findings: Finding[] = [];
    for (const { mapping, queue } of sqsConsumptions(view)) {
      if (!queue) {
        findings.push({
          address: mapping.address,
          problem: `consumes ${String(mapping.config.event_source_arn)}, a queue outside this stack, whose DLQ cannot be checked`,
          fix: 'consume a queue of this stack (SqsConsumer), or suppress with the reason the external queue is safe',
        });
        continue;
      }
      const inline = parseRedrive(queue.config.redrive_policy);
      const separate = view
        .resources('aws_sqs_queue_redrive_policy')
        .some(
          (p) =>
            view.referenced(p.config.queue_url, ['aws_sqs_queue'])?.address === queue.address &&
            parseRedrive(p.config.redrive_policy),
        );
      if (!inline && !separate) {
        findings.push({
          address: queue.address,
          problem: `is consumed by ${mapping.address} but has no redrive policy (dead-letter queue)`,
          fix: 'set redrive_policy with deadLetterTargetArn and maxReceiveCount (SqsConsumer does, maxReceiveCount 5)',
        });
      }
    }
    return findings;
  },
};

function parseRedrive(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    return Boolean((JSON.parse(value) as { deadLetterTargetArn?: string }).deadLetterTargetArn);
  } catch {
    return false;
  }
}
