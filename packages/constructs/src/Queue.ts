import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { metricAlarm } from './alarms';
import { deduplicationWithoutFifo, invalidRange } from './errors';
import { checkInteger } from './checkInteger';
import { NAME_LIMITS, checkedId, checkedName } from './names';
import { DEFAULT_QUEUE_RETENTION_S, DLQ_RETENTION_S, deadLetterQueue, encryptedQueue } from './queues';
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
    const construct = `Queue "${id}"`;
    validateQueueProps(construct, props);
    const suffix = props.fifo ? '.fifo' : '';
    this.queueName = `${stack.resourceName(id)}${suffix}`;
    // The DLQ's name is the longer one: check it, and the queue's passes too.
    const dlqName = checkedName(
      construct,
      'SQS dead-letter queue name',
      `${stack.resourceName(id)}-dlq${suffix}`,
      NAME_LIMITS.sqsQueue,
      stack.namePrefix,
    );

    this.deadLetterQueue = deadLetterQueue(this, 'dlq', dlqName, stack.alarmTopicArn, props.fifo);
    this.queue = encryptedQueue(this, 'queue', {
      name: this.queueName,
      fifo: props.fifo,
      contentBasedDeduplication: props.contentBasedDeduplication,
      retentionSeconds: props.retentionPeriod ?? DEFAULT_QUEUE_RETENTION_S,
      visibilityTimeoutSeconds: props.visibilityTimeout ?? DEFAULT_QUEUE_VISIBILITY_S,
      redrivePolicy: JSON.stringify({
        deadLetterTargetArn: this.deadLetterQueue.arn,
        maxReceiveCount: props.maxReceiveCount ?? DEFAULT_QUEUE_MAX_RECEIVE_COUNT,
      }),
    });
    // Only this queue may move messages into its DLQ.
    new SqsQueueRedriveAllowPolicy(this, 'dlq-redrive-allow', {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [this.queue.arn] }),
    });

    const maxAge = props.maxMessageAge ?? DEFAULT_QUEUE_MAX_MESSAGE_AGE_S;
    if (maxAge !== false) {
      // Nobody else watches a queue whose consumer lives elsewhere: its owner hears when it backs up.
      this.ageAlarm = metricAlarm(this, 'age-alarm', stack.alarmTopicArn, {
        name: `${stack.resourceName(id)}-oldest-message`,
        description: `${this.queueName}: the oldest message is ${maxAge}+ seconds old; its consumer is failing, falling behind or missing.`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateAgeOfOldestMessage',
        dimensions: { QueueName: this.queueName },
        statistic: 'Maximum',
        threshold: maxAge,
        period: 300,
      });
    }
  }

  get queueArn(): string {
    return this.queue.arn;
  }

  get queueUrl(): string {
    return this.queue.url;
  }
}

function validateQueueProps(construct: string, props: QueueProps): void {
  checkInteger(construct, 'visibilityTimeout', props.visibilityTimeout, 0, 43200, 'seconds');
  checkInteger(construct, 'maxReceiveCount', props.maxReceiveCount, 1, 1000, 'receives');
  if (props.retentionPeriod !== undefined) {
    checkInteger(construct, 'retentionPeriod', props.retentionPeriod, 60, 1209600, 'seconds');
    if (props.retentionPeriod >= DLQ_RETENTION_S) {
      throw invalidRange(
        construct,
        'retentionPeriod',
        props.retentionPeriod,
        60,
        DLQ_RETENTION_S - 1,
        "seconds (below the DLQ's 14 days, so a message's age never exceeds the DLQ's retention)",
      );
    }
  }
  if (props.maxMessageAge !== undefined && props.maxMessageAge !== false) {
    checkInteger(construct, 'maxMessageAge', props.maxMessageAge, 60, 1209600, 'seconds');
  }
  if (props.contentBasedDeduplication && !props.fifo) throw deduplicationWithoutFifo(construct);
}
