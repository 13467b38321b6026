import type { PublishBatchCommand, PublishBatchCommandOutput } from '@aws-sdk/client-sns';
import { getCorrelationId } from '@platform/logging';
import { deliver, resolveOptions } from './deliver';
import { InvalidMessageError, QueueOptionsError } from './errors';
import { prepareEntries } from './prepareEntries';
import { getSnsClient } from './snsClient';
import type { SendMessagesOptions, SendMessagesResult, QueueMessage } from './types';

/** What `publishEvents` needs of a client: an `SNSClient`, or a wrapper of one in tests. */
export interface SnsPublisher {
  send(command: PublishBatchCommand): Promise<PublishBatchCommandOutput>;
}

/** An event: a message without a per-message delay (SNS has none). */
export type EventMessage = Omit<QueueMessage, 'delaySeconds'>;

export interface PublishEventsOptions extends Omit<SendMessagesOptions, 'client' | 'endpoint'> {
  /** The client to publish with. @default one SNSClient per container, created on first use */
  readonly client?: SnsPublisher;
  /** Endpoint of the default client (local servers, tests). @default the SDK's: env `AWS_ENDPOINT_URL_SNS`, else AWS */
  readonly endpoint?: string;
  /** The stream's topic. @default env `STREAM_<STREAM>_TOPIC_ARN`, set by the stack's `fn.grantPublish(topic)` */
  readonly topicArn?: string;
}

const STREAM = /^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/;
const TOPIC_ARN = /^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}(\.fifo)?$/;

/** `order.accepted` -> `STREAM_ORDER_ACCEPTED_TOPIC_ARN`: where the stack puts the stream's topic ARN. */
export const streamTopicVariable = (stream: string) =>
  `STREAM_${stream.toUpperCase().replace(/[.-]/g, '_')}_TOPIC_ARN`;

/**
 * Publishes events to one of the service's event streams (declared in the topology's `publishes`),
 * by name: the stream's SNS topic ARN comes from `STREAM_<STREAM>_TOPIC_ARN`. Everything else is
 * `sendMessages`: as few PublishBatch calls as fit (10 entries and 256 KiB), retries of the entries
 * that failed on the SNS side with backoff, every message checked before any call, unsent ones
 * reported (`failed`, a warning, `SendMessagesError` with `throwOnFailure`), and the current
 * invocation's `correlationId` attribute on each message. Consumers subscribe with raw delivery, so
 * the body and attributes reach their queue as published.
 *
 * @example
 * await publishEvents('order.accepted', [{ id: event.eventId, body: event, attributes: { type: event.type } }]);
 */
export async function publishEvents<T extends EventMessage>(
  stream: string,
  items: readonly T[],
  options: PublishEventsOptions = {},
): Promise<SendMessagesResult<T>> {
  const resolved = resolveOptions(options);
  const topicArn = topicOf(stream, options.topicArn);
  if (!Array.isArray(items))
    throw new QueueOptionsError('items must be an array of events, e.g. [{ body: {...} }].');
  items.forEach((item, index) => {
    if ((item as QueueMessage | undefined)?.delaySeconds !== undefined) {
      throw new InvalidMessageError(
        index,
        item.id ?? String(index),
        'delaySeconds is not supported by SNS; remove it (a consumer may delay on its own queue)',
      );
    }
  });
  const fifo = topicArn.endsWith('.fifo');
  const prepared = prepareEntries(items, {
    fifo,
    maxBytes: resolved.maxBytes,
    correlationId: options.correlationId ?? getCorrelationId(),
  });
  if (prepared.length === 0) return { sent: [], failed: [] };

  const [{ PublishBatchCommand }, client] = await Promise.all([
    import('@aws-sdk/client-sns'),
    options.client ?? getSnsClient({ endpoint: options.endpoint, region: options.region }),
  ]);
  return deliver(prepared, {
    fifo,
    options: resolved,
    throwOnFailure: options.throwOnFailure ?? false,
    sendEntries: (entries) =>
      client.send(
        new PublishBatchCommand({
          TopicArn: topicArn,
          PublishBatchRequestEntries: entries.map((e) => ({
            Id: e.Id,
            Message: e.MessageBody,
            ...(e.MessageAttributes ? { MessageAttributes: e.MessageAttributes } : {}),
            ...(e.MessageGroupId === undefined ? {} : { MessageGroupId: e.MessageGroupId }),
            ...(e.MessageDeduplicationId === undefined
              ? {}
              : { MessageDeduplicationId: e.MessageDeduplicationId }),
          })),
        }),
      ),
    warning: { message: 'SNS events not published', target: { stream, topicArn } },
  });
}

function topicOf(stream: string, explicit: string | undefined): string {
  if (typeof stream !== 'string' || !STREAM.test(stream)) {
    throw new QueueOptionsError(
      `${JSON.stringify(stream)} is not a stream name; use the name declared in stacks/topology.ts (e.g. "order.accepted").`,
    );
  }
  const variable = streamTopicVariable(stream);
  const topicArn = explicit ?? process.env[variable];
  if (!topicArn) {
    throw new QueueOptionsError(
      `Stream "${stream}": ${variable} is not set. Grant the function in its stack with ` +
        `fn.grantPublish(stack.eventTopic('${stream}')) (the stream must be in the service's publishes in stacks/topology.ts).`,
    );
  }
  if (!TOPIC_ARN.test(topicArn)) {
    throw new QueueOptionsError(
      `Stream "${stream}": ${JSON.stringify(topicArn)} is not an SNS topic ARN; expected e.g. ` +
        'arn:aws:sns:eu-west-1:123456789012:orders-dev-order-accepted.',
    );
  }
  return topicArn;
}
