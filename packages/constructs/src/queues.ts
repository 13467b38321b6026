import type { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { metricAlarm } from './alarms';

/** Source queues keep messages 4 days (the SQS default); their DLQs 14 days (the maximum). */
export const DEFAULT_QUEUE_RETENTION_S = 4 * 24 * 3600;
export const DLQ_RETENTION_S = 14 * 24 * 3600;

export interface EncryptedQueueProps {
  /** The full AWS name (with `.fifo` for FIFO queues). */
  readonly name: string;
  readonly fifo?: boolean;
  readonly retentionSeconds: number;
  readonly visibilityTimeoutSeconds?: number;
  readonly contentBasedDeduplication?: boolean;
  readonly redrivePolicy?: string;
}

/** An SQS queue with SQS-managed server-side encryption (free, no key policy to maintain). */
export function encryptedQueue(scope: Construct, id: string, props: EncryptedQueueProps): SqsQueue {
  return new SqsQueue(scope, id, {
    name: props.name,
    sqsManagedSseEnabled: true,
    messageRetentionSeconds: props.retentionSeconds,
    ...(props.fifo
      ? { fifoQueue: true, contentBasedDeduplication: props.contentBasedDeduplication ?? false }
      : {}),
    ...(props.visibilityTimeoutSeconds !== undefined
      ? { visibilityTimeoutSeconds: props.visibilityTimeoutSeconds }
      : {}),
    ...(props.redrivePolicy ? { redrivePolicy: props.redrivePolicy } : {}),
  });
}

/** A dead-letter queue: encrypted, 14 days, and an alarm as soon as one message lands in it. */
export function deadLetterQueue(
  scope: Construct,
  id: string,
  name: string,
  topicArn: string,
  fifo = false,
): SqsQueue {
  const queue = encryptedQueue(scope, id, { name, fifo, retentionSeconds: DLQ_RETENTION_S });
  metricAlarm(scope, `${id}-depth-alarm`, topicArn, {
    name: `${name.replace(/\.fifo$/, '')}-depth`,
    description: `Messages in the dead-letter queue ${name}: they failed every attempt. Inspect, fix, then redrive them.`,
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: name },
    statistic: 'Maximum',
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    period: 300,
  });
  return queue;
}
