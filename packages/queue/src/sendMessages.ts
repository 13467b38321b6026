import { getCorrelationId } from '@platform/logging';
import { deliver, resolveOptions } from './deliver';
import { QueueOptionsError } from './errors';
import { prepareEntries } from './prepareEntries';
import { getSqsClient } from './sqsClient';
import type { QueueMessage, SendMessagesOptions, SendMessagesResult } from './types';

export { MAX_MESSAGE_BYTES } from './deliver';

/**
 * Sends messages to an SQS queue in as few SendMessageBatch calls as fit (10 entries and 256 KiB
 * per call), retries the entries that failed on the SQS side with backoff, and reports every
 * message that is still unsent: in `failed`, in a warning, and as a `SendMessagesError` if asked.
 * On a FIFO queue, what arrives of each message group is a prefix of that group, in order: each
 * call holds at most one message per group, and once one is unsent the rest of its group is not sent.
 *
 * Every message is checked first (size, FIFO fields, attributes); a bad one throws before any call.
 * Each message carries the `correlationId` attribute of the current invocation unless it has its own.
 *
 * @example
 * const { failed } = await sendMessages(process.env.INVOICES_QUEUE_URL!, orders.map((o) => ({ id: o.id, body: o })));
 */
export async function sendMessages<T extends QueueMessage>(
  queueUrl: string,
  items: readonly T[],
  options: SendMessagesOptions = {},
): Promise<SendMessagesResult<T>> {
  const resolved = resolveOptions(options);
  checkQueueUrl(queueUrl);
  if (!Array.isArray(items))
    throw new QueueOptionsError('items must be an array of messages, e.g. [{ body: {...} }].');
  const fifo = queueUrl.endsWith('.fifo');
  const prepared = prepareEntries(items, {
    fifo,
    maxBytes: resolved.maxBytes,
    correlationId: options.correlationId ?? getCorrelationId(),
  });
  if (prepared.length === 0) return { sent: [], failed: [] };

  const [{ SendMessageBatchCommand }, client] = await Promise.all([
    import('@aws-sdk/client-sqs'),
    options.client ?? getSqsClient({ endpoint: options.endpoint, region: options.region }),
  ]);
  return deliver(prepared, {
    fifo,
    options: resolved,
    throwOnFailure: options.throwOnFailure ?? false,
    sendEntries: (Entries) => client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries })),
    warning: { message: 'SQS messages not sent', target: { queueUrl } },
  });
}

function checkQueueUrl(queueUrl: unknown): void {
  if (typeof queueUrl !== 'string' || !/^https?:\/\/[^/\s]+\/\S+$/.test(queueUrl)) {
    throw new QueueOptionsError(
      `${JSON.stringify(queueUrl)} is not a queue URL; expected e.g. ` +
        'https://sqs.eu-west-1.amazonaws.com/123456789012/orders (pass the URL from the stack, e.g. an environment variable).',
    );
  }
}
