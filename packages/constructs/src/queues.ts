import type { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { metricAlarm } from './alarms';
import { checkInteger } from './checkInteger';
import { deduplicationWithoutFifo, invalidRange } from './errors';
import { NAME_LIMITS, checkedName } from './names';
import { QueuePolicy } from './QueuePolicy';
import { dashboardOf } from './ServiceDashboard';

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

/**
 * An SQS queue with SQS-managed server-side encryption (free, no key policy to maintain) and a queue
 * policy that refuses requests without TLS (QueuePolicy: other statements join that one policy).
 */
export function encryptedQueue(scope: Construct, id: string, props: EncryptedQueueProps): SqsQueue {
  const queue = new SqsQueue(scope, id, {
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
  QueuePolicy.of(queue);
  return queue;
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
  dashboardOf(scope)?.addDeadLetterQueue(name);
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

export interface RedrivenQueueProps {
  /** For messages: e.g. `Queue "events"`. */
  readonly construct: string;
  /** `<service>-<environment>-<id>`, without the `.fifo` suffix. */
  readonly baseName: string;
  /** The stack's name prefix, for the name-length message. */
  readonly namePrefix: string;
  readonly topicArn: string;
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly retentionSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
}

export interface RedrivenQueue {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  /** The queue's full name (with `.fifo` for FIFO queues). */
  readonly queueName: string;
}

/**
 * What Queue and SqsConsumer both are: an encrypted queue whose messages move to an encrypted DLQ
 * (with its depth alarm) after `maxReceiveCount` receives, and a redrive-allow policy so only this
 * queue may redrive into that DLQ. Created in `scope` with the ids `dlq`, `queue` and `dlq-redrive-allow`.
 */
export function redrivenQueue(scope: Construct, props: RedrivenQueueProps): RedrivenQueue {
  const suffix = props.fifo ? '.fifo' : '';
  const queueName = `${props.baseName}${suffix}`;
  // The DLQ's name is the longer one: check it, and the queue's passes too.
  const dlqName = checkedName(
    props.construct,
    'SQS dead-letter queue name',
    `${props.baseName}-dlq${suffix}`,
    NAME_LIMITS.sqsQueue,
    props.namePrefix,
  );
  const dlq = deadLetterQueue(scope, 'dlq', dlqName, props.topicArn, props.fifo);
  const queue = encryptedQueue(scope, 'queue', {
    name: queueName,
    fifo: props.fifo,
    contentBasedDeduplication: props.contentBasedDeduplication,
    retentionSeconds: props.retentionSeconds,
    visibilityTimeoutSeconds: props.visibilityTimeoutSeconds,
    redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: props.maxReceiveCount }),
  });
  dashboardOf(scope)?.addQueue({ queueName });
  // Only this queue may move messages into its DLQ.
  new SqsQueueRedriveAllowPolicy(scope, 'dlq-redrive-allow', {
    queueUrl: dlq.url,
    redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [queue.arn] }),
  });
  return { queue, deadLetterQueue: dlq, queueName };
}

/** An alarm, id `age-alarm`, when the queue's oldest message is `maxAge`+ seconds old; `why` ends its description. */
export function queueAgeAlarm(
  scope: Construct,
  baseName: string,
  queueName: string,
  topicArn: string,
  maxAge: number,
  why: string,
): CloudwatchMetricAlarm {
  dashboardOf(scope)?.addQueue({ queueName, maxAge });
  return metricAlarm(scope, 'age-alarm', topicArn, {
    name: `${baseName}-oldest-message`,
    description: `${queueName}: the oldest message is ${maxAge}+ seconds old; ${why}.`,
    namespace: 'AWS/SQS',
    metricName: 'ApproximateAgeOfOldestMessage',
    dimensions: { QueueName: queueName },
    statistic: 'Maximum',
    threshold: maxAge,
    period: 300,
  });
}

/** The checks Queue and SqsConsumer share: visibility, receives, retention (below the DLQ's), age alarm, deduplication. */
export function validateQueueOptions(
  construct: string,
  props: {
    readonly fifo?: boolean;
    readonly contentBasedDeduplication?: boolean;
    readonly visibilityTimeout?: number;
    readonly retentionPeriod?: number;
    readonly maxReceiveCount?: number;
    readonly maxMessageAge?: number | false;
  },
): void {
  checkInteger(construct, 'visibilityTimeout', props.visibilityTimeout, 0, 43200, 'seconds');
  checkInteger(construct, 'maxReceiveCount', props.maxReceiveCount, 1, 1000, 'receives');
  checkInteger(construct, 'retentionPeriod', props.retentionPeriod, 60, 1209600, 'seconds');
  if (props.retentionPeriod !== undefined && props.retentionPeriod >= DLQ_RETENTION_S) {
    throw invalidRange(
      construct,
      'retentionPeriod',
      props.retentionPeriod,
      60,
      DLQ_RETENTION_S - 1,
      "seconds (below the DLQ's 14 days, so a message's age never exceeds the DLQ's retention)",
    );
  }
  if (props.maxMessageAge !== undefined && props.maxMessageAge !== false) {
    checkInteger(construct, 'maxMessageAge', props.maxMessageAge, 60, 1209600, 'seconds');
  }
  if (props.contentBasedDeduplication && !props.fifo) throw deduplicationWithoutFifo(construct);
}
