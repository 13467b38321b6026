import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { PolicyStatement } from './iam';
import { checkedId } from './names';
import { QueuePolicy } from './QueuePolicy';
import { DEFAULT_QUEUE_RETENTION_S, queueAgeAlarm, redrivenQueue, validateQueueOptions } from './queues';
import type { ServiceStack } from './ServiceStack';
import type { SendTarget } from './types';

export interface QueueProps {
  /** A FIFO queue (and a FIFO DLQ): ordered per message group, deduplicated. @default false */
  readonly fifo?: boolean;
  /** FIFO only: deduplicate by a hash of the body. @default false */
  readonly contentBasedDeduplication?: boolean;
  /**
   * Seconds a received message stays invisible, 0–43200: at least 6 x the consumer's timeout.
   * @default 180 (consumers with a timeout of up to 30 s)
   */
  readonly visibilityTimeout?: number;
  /** Seconds messages are kept, 60–1209599 (below the DLQ's 14 days). @default 345600 (4 days) */
  readonly retentionPeriod?: number;
  /** Receives before a message moves to the DLQ, 1–1000. @default 5 */
  readonly maxReceiveCount?: number;
  /** Age in seconds of the oldest message that raises the alarm; `false` turns it off. @default 600 */
  readonly maxMessageAge?: number | false;
}

/** 6 x 30 s: the visibility a consumer with the platform's usual SQS timeout needs (PLAT-SQS-2). */
export const DEFAULT_QUEUE_VISIBILITY_S = 180;
export const DEFAULT_QUEUE_MAX_RECEIVE_COUNT = 5;
export const DEFAULT_QUEUE_MAX_MESSAGE_AGE_S = 600;

/**
 * A queue this stack sends to and something else consumes (another service, a worker outside
 * Lambda): encrypted, with an encrypted DLQ after `maxReceiveCount` receives that only this queue
 * may redrive into, and alarms on the oldest message's age and on any DLQ message. For a queue a
 * function of this stack consumes, use `SqsConsumer`. Send with `fn.grantSend(queue)` and `queue.queueUrl`.
 */
export class Queue extends Construct implements SendTarget {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  readonly queueName: string;
  readonly ageAlarm?: CloudwatchMetricAlarm;

  constructor(stack: ServiceStack, id: string, props: QueueProps = {}) {
    super(stack, checkedId(stack, id, `Queue "${id}"`));
    validateQueueOptions(`Queue "${id}"`, props);
    const baseName = stack.resourceName(id);
    const { queue, deadLetterQueue, queueName } = redrivenQueue(this, {
      construct: `Queue "${id}"`,
      baseName,
      namePrefix: stack.namePrefix,
      topicArn: stack.alarmTopicArn,
      fifo: props.fifo,
      contentBasedDeduplication: props.contentBasedDeduplication,
      retentionSeconds: props.retentionPeriod ?? DEFAULT_QUEUE_RETENTION_S,
      visibilityTimeoutSeconds: props.visibilityTimeout ?? DEFAULT_QUEUE_VISIBILITY_S,
      maxReceiveCount: props.maxReceiveCount ?? DEFAULT_QUEUE_MAX_RECEIVE_COUNT,
    });
    this.queue = queue;
    this.deadLetterQueue = deadLetterQueue;
    this.queueName = queueName;

    const maxAge = props.maxMessageAge ?? DEFAULT_QUEUE_MAX_MESSAGE_AGE_S;
    if (maxAge !== false) {
      // Nobody else watches a queue whose consumer lives elsewhere: its owner hears when it backs up.
      this.ageAlarm = queueAgeAlarm(
        this,
        baseName,
        queueName,
        stack.alarmTopicArn,
        maxAge,
        'its consumer is failing, falling behind or missing',
      );
    }
  }

  get queueArn(): string {
    return this.queue.arn;
  }

  get queueUrl(): string {
    return this.queue.url;
  }

  /**
   * Adds statements to the queue's one resource policy (after its TLS-only deny), e.g. an Allow for
   * an SNS topic of another account with an `aws:SourceArn` condition. Each needs a unique Sid.
   */
  addToResourcePolicy(...statements: readonly PolicyStatement[]): void {
    QueuePolicy.of(this.queue).addStatements(...statements);
  }
}
