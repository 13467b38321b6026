import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { checkInteger } from './checkInteger';
import {
  batchingWindowOnFifo,
  batchingWindowRequired,
  consumerMissing,
  streamIntoFifoQueue,
  undeclaredConsume,
  maxConcurrencyAboveReserved,
  visibilityTooShort,
} from './errors';
import { allow, policyDocument, type PolicyStatement } from './iam';
import { checkedId } from './names';
import { DEFAULT_QUEUE_RETENTION_S, queueAgeAlarm, redrivenQueue, validateQueueOptions } from './queues';
import { QueuePolicy } from './QueuePolicy';
import type { ServiceFunction } from './ServiceFunction';
import type { ServiceStack } from './ServiceStack';
import type { SendTarget } from './types';

export interface SqsConsumerProps {
  /** The function that processes the messages (it must return `batchItemFailures`). */
  readonly consumer: ServiceFunction;
  /** A FIFO queue (and a FIFO DLQ): ordered per message group, exactly-once processing. @default false */
  readonly fifo?: boolean;
  /** FIFO only: deduplicate by a hash of the body. @default false */
  readonly contentBasedDeduplication?: boolean;
  /** Messages per invocation: 1–10 for FIFO, 1–10000 for standard queues (above 10 needs maxBatchingWindow). @default 10 */
  readonly batchSize?: number;
  /** Seconds to gather a batch, 0–300; not for FIFO queues. @default 0 */
  readonly maxBatchingWindow?: number;
  /** Most concurrent invocations this queue may cause, 2–1000. @default none (up to the function's limit) */
  readonly maxConcurrency?: number;
  /** Receives before a message moves to the DLQ, 1–1000. @default 5 */
  readonly maxReceiveCount?: number;
  /** Seconds a received message stays invisible; at least 6 x the consumer's timeout + the batching window. @default exactly that */
  readonly visibilityTimeout?: number;
  /** Seconds messages are kept, 60–1209600; the DLQ keeps them 14 days, longer than any source. @default 345600 (4 days) */
  readonly retentionPeriod?: number;
  /** Age in seconds of the oldest message that raises the alarm; `false` turns it off. @default 600 */
  readonly maxMessageAge?: number | false;
}

export const DEFAULT_BATCH_SIZE = 10;
export const DEFAULT_MAX_RECEIVE_COUNT = 5;
export const DEFAULT_MAX_MESSAGE_AGE_S = 600;

/**
 * An SQS queue consumed by a function: encrypted queue + DLQ (after maxReceiveCount receives),
 * an event source mapping on the `live` alias that reports partial batch failures, the consumer's
 * rights on exactly this queue, and alarms on the oldest message's age and on any DLQ message.
 */
export class SqsConsumer extends Construct implements SendTarget {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  readonly eventSourceMapping: LambdaEventSourceMapping;
  readonly queueName: string;
  readonly visibilityTimeout: number;
  readonly ageAlarm?: CloudwatchMetricAlarm;
  private readonly stack: ServiceStack;
  private readonly fifo: boolean;

  constructor(stack: ServiceStack, id: string, props: SqsConsumerProps) {
    super(stack, checkedId(stack, id, `SqsConsumer "${id}"`));
    const settings = resolveProps(id, props);
    const baseName = stack.resourceName(id);
    this.visibilityTimeout = settings.visibilityTimeout;
    const { queue, deadLetterQueue, queueName } = redrivenQueue(this, {
      construct: `SqsConsumer "${id}"`,
      baseName,
      namePrefix: stack.namePrefix,
      topicArn: stack.alarmTopicArn,
      fifo: props.fifo,
      contentBasedDeduplication: props.contentBasedDeduplication,
      retentionSeconds: settings.retentionPeriod,
      visibilityTimeoutSeconds: settings.visibilityTimeout,
      maxReceiveCount: settings.maxReceiveCount,
    });
    this.queue = queue;
    this.deadLetterQueue = deadLetterQueue;
    this.queueName = queueName;
    this.stack = stack;
    this.fifo = props.fifo ?? false;

    const consume = new IamRolePolicy(this, 'consume-policy', {
      role: props.consumer.role.name,
      name: `consume-${id}`,
      policy: policyDocument([
        allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], [this.queue.arn]),
      ]),
    });
    this.eventSourceMapping = new LambdaEventSourceMapping(this, 'mapping', {
      eventSourceArn: this.queue.arn,
      functionName: props.consumer.aliasArn,
      batchSize: settings.batchSize,
      ...(settings.maxBatchingWindow ? { maximumBatchingWindowInSeconds: settings.maxBatchingWindow } : {}),
      // Failed records return in batchItemFailures; the others are deleted, not retried.
      functionResponseTypes: ['ReportBatchItemFailures'],
      ...(props.maxConcurrency !== undefined
        ? { scalingConfig: { maximumConcurrency: props.maxConcurrency } }
        : {}),
      // Lambda checks the role's rights on the queue when the mapping is created.
      dependsOn: [consume],
    });

    const maxAge = props.maxMessageAge ?? DEFAULT_MAX_MESSAGE_AGE_S;
    if (maxAge !== false) {
      this.ageAlarm = queueAgeAlarm(
        this,
        baseName,
        queueName,
        stack.alarmTopicArn,
        maxAge,
        'consumers are failing or falling behind',
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

  /**
   * Delivers another service's event stream (`"<service>/<stream>"`, declared in the topology's
   * `consumes`) into this queue: a subscription to the producer's topic, in the producer's account,
   * with raw delivery (the message body and attributes arrive as published, correlation ID included),
   * and a queue policy statement accepting SNS messages from that topic alone (`aws:SourceArn`).
   */
  subscribe(ref: string): SnsTopicSubscription {
    const construct = `SqsConsumer "${this.node.id}" subscribe("${ref}")`;
    const consumes = this.stack.config.links?.consumes ?? [];
    const declared = consumes.find((c) => `${c.service}/${c.stream}` === ref);
    if (!declared) {
      throw undeclaredConsume(
        construct,
        ref,
        consumes.map((c) => `${c.service}/${c.stream}`),
        this.stack.config.service,
      );
    }
    if (this.fifo) throw streamIntoFifoQueue(construct, ref);
    this.stack.registerSubscription(ref, this.node.id, construct);
    const id = `subscription-${ref.replace(/[^a-z0-9]+/g, '-')}`;
    const policy = QueuePolicy.of(this.queue);
    policy.addStatements({
      Sid: `FromStream${ref.replace(/[^A-Za-z0-9]/g, '')}`,
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: this.queue.arn,
      Condition: { ArnEquals: { 'aws:SourceArn': declared.topicArn } },
    });
    return new SnsTopicSubscription(this, id, {
      topicArn: declared.topicArn,
      protocol: 'sqs',
      endpoint: this.queue.arn,
      rawMessageDelivery: true,
      // SNS checks, on Subscribe, that it may deliver: the queue policy must exist first.
      dependsOn: [policy.resource],
    });
  }
}

interface ResolvedConsumer {
  readonly batchSize: number;
  readonly maxBatchingWindow: number;
  readonly maxReceiveCount: number;
  readonly visibilityTimeout: number;
  readonly retentionPeriod: number;
}

function resolveProps(id: string, props: SqsConsumerProps): ResolvedConsumer {
  const construct = `SqsConsumer "${id}"`;
  if (!props.consumer) throw consumerMissing(construct);
  const { consumer, fifo = false } = props;
  checkInteger(
    construct,
    'batchSize',
    props.batchSize,
    1,
    fifo ? 10 : 10000,
    fifo ? 'messages for FIFO queues' : 'messages',
  );
  checkInteger(construct, 'maxBatchingWindow', props.maxBatchingWindow, 0, 300, 'seconds');
  checkInteger(construct, 'maxConcurrency', props.maxConcurrency, 2, 1000, 'concurrent invocations');
  validateQueueOptions(construct, props);
  const maxBatchingWindow = props.maxBatchingWindow ?? 0;
  if (fifo && maxBatchingWindow > 0) throw batchingWindowOnFifo(id, maxBatchingWindow);
  const batchSize = props.batchSize ?? DEFAULT_BATCH_SIZE;
  if (batchSize > 10 && maxBatchingWindow < 1) throw batchingWindowRequired(id, batchSize);
  if (
    props.maxConcurrency !== undefined &&
    consumer.reservedConcurrency !== undefined &&
    props.maxConcurrency > consumer.reservedConcurrency
  ) {
    throw maxConcurrencyAboveReserved(
      id,
      props.maxConcurrency,
      consumer.node.id,
      consumer.reservedConcurrency,
    );
  }
  const minimumVisibility = 6 * consumer.timeout + maxBatchingWindow;
  if (props.visibilityTimeout !== undefined && props.visibilityTimeout < minimumVisibility) {
    throw visibilityTooShort(id, props.visibilityTimeout, consumer.timeout, maxBatchingWindow);
  }
  return {
    batchSize,
    maxBatchingWindow,
    maxReceiveCount: props.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT,
    visibilityTimeout: props.visibilityTimeout ?? minimumVisibility,
    retentionPeriod: props.retentionPeriod ?? DEFAULT_QUEUE_RETENTION_S,
  };
}
