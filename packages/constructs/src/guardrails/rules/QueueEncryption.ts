import type { Finding, GuardrailRule } from '../types';

export const QueueEncryption: GuardrailRule = {
  id: 'PLAT-SQS-3',
  title: 'Every queue is encrypted at rest',
  why: 'Messages carry business data; server-side encryption costs nothing with SQS-managed keys.',
  fix: 'Set sqs_managed_sse_enabled = true (Queue and SqsConsumer do), or kms_master_key_id for a customer key.',
  check({ view }) {
    const findings: Finding[] = [];
    for (const queue of view.resources('aws_sqs_queue')) {
      if (queue.config.sqs_managed_sse_enabled === true || queue.config.kms_master_key_id) continue;
      findings.push({
        address: queue.address,
        problem: 'has neither sqs_managed_sse_enabled = true nor kms_master_key_id',
        fix: 'set sqs_managed_sse_enabled = true (SQS-managed keys), or kms_master_key_id for a customer key',
      });
    }
    return findings;
  },
};
