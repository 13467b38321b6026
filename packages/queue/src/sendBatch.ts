import type { SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import type { PreparedEntry } from './prepareEntries';
import type { FailedMessage, QueueMessage, SentMessage } from './types';

/** What SQS SendMessageBatch and SNS PublishBatch both answer: per entry Id, success or failure. */
export interface BatchCallOutput {
  readonly Successful?: readonly {
    readonly Id?: string;
    readonly MessageId?: string;
    readonly SequenceNumber?: string;
  }[];
  readonly Failed?: readonly {
    readonly Id?: string;
    readonly Code?: string;
    readonly Message?: string;
    readonly SenderFault?: boolean;
  }[];
}

export interface BatchContext {
  /** One batch call (SQS SendMessageBatch or SNS PublishBatch) with these entries, each with its Id. */
  readonly sendEntries: (entries: SendMessageBatchRequestEntry[]) => Promise<BatchCallOutput>;
  readonly maxAttempts: number;
  /** The wait before retry n (from 1). */
  readonly delay: (retry: number) => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface BatchOutcome<T extends QueueMessage> {
  readonly sent: SentMessage[];
  readonly failed: FailedMessage<T>[];
  /** The call itself failed in a way retries cannot fix (no queue, access denied): stop sending. */
  readonly stop?: { readonly code: string; readonly message: string };
}

interface EntryError<T extends QueueMessage> {
  readonly entry: PreparedEntry<T>;
  readonly code: string;
  readonly message: string;
}

/** Client errors worth retrying: SQS, SNS and KMS throttling. Other client errors fail the same way again. */
const THROTTLING = new Set([
  'RequestThrottled',
  'ThrottlingException',
  'Throttling',
  'KmsThrottled',
  'TooManyRequestsException',
  'Throttled',
  'KMSThrottlingException',
]);

/**
 * Sends one batch and retries, with backoff, only its entries that failed for a reason other than
 * the sender's (SQS `Failed` entries with `SenderFault: false`, throttling, 5xx, network errors),
 * up to `maxAttempts` sends per entry.
 */
export async function sendBatch<T extends QueueMessage>(
  batch: readonly PreparedEntry<T>[],
  context: BatchContext,
): Promise<BatchOutcome<T>> {
  const sent: SentMessage[] = [];
  const failed: FailedMessage<T>[] = [];
  let pending = batch;
  for (let attempt = 1; ; attempt++) {
    const result = await sendOnce(pending, context);
    sent.push(...result.sent);
    failed.push(...result.rejected.map((e) => toFailed(e, attempt, true)));
    if (result.stop || result.retryable.length === 0)
      return { sent, failed, ...(result.stop ? { stop: result.stop } : {}) };
    if (attempt >= context.maxAttempts) {
      failed.push(...result.retryable.map((e) => toFailed(e, attempt, false)));
      return { sent, failed };
    }
    await context.sleep(context.delay(attempt));
    pending = result.retryable.map((e) => e.entry);
  }
}

async function sendOnce<T extends QueueMessage>(pending: readonly PreparedEntry<T>[], context: BatchContext) {
  const sent: SentMessage[] = [];
  const retryable: EntryError<T>[] = [];
  const rejected: EntryError<T>[] = [];
  let output;
  try {
    // The index is the batch entry Id: unique, valid, and maps the answer back to the item.
    output = await context.sendEntries(pending.map((p) => ({ Id: String(p.index), ...p.entry })));
  } catch (error) {
    const code = errorCode(error);
    const message = (error as Error)?.message ?? String(error);
    if (isRetryable(error)) {
      return { sent, retryable: pending.map((entry) => ({ entry, code, message })), rejected };
    }
    return {
      sent,
      retryable,
      rejected: pending.map((entry) => ({ entry, code, message })),
      stop: { code, message },
    };
  }
  const byId = new Map(pending.map((p) => [String(p.index), p]));
  for (const ok of output.Successful ?? []) {
    const entry = byId.get(ok.Id ?? '');
    if (!entry) continue;
    byId.delete(ok.Id ?? '');
    sent.push({
      id: entry.id,
      index: entry.index,
      messageId: ok.MessageId ?? '',
      ...(ok.SequenceNumber === undefined ? {} : { sequenceNumber: ok.SequenceNumber }),
    });
  }
  for (const bad of output.Failed ?? []) {
    const entry = byId.get(bad.Id ?? '');
    if (!entry) continue;
    byId.delete(bad.Id ?? '');
    (bad.SenderFault ? rejected : retryable).push({
      entry,
      code: bad.Code ?? 'Unknown',
      message: bad.Message ?? '',
    });
  }
  // Not in either list: not known to be sent, so sent again (SQS delivers at least once anyway).
  for (const entry of byId.values()) {
    retryable.push({ entry, code: 'MissingFromResponse', message: 'SQS returned no result for this entry' });
  }
  return { sent, retryable, rejected };
}

function toFailed<T extends QueueMessage>(
  error: EntryError<T>,
  attempts: number,
  senderFault: boolean,
): FailedMessage<T> {
  const { entry, code, message } = error;
  return { id: entry.id, index: entry.index, item: entry.item, code, message, senderFault, attempts };
}

function errorCode(error: unknown): string {
  const e = error as { Code?: unknown; name?: unknown } | undefined;
  return typeof e?.Code === 'string' ? e.Code : typeof e?.name === 'string' ? e.name : 'Error';
}

/** SDK service errors say whose fault they are; errors without `$fault` are network errors and timeouts. */
function isRetryable(error: unknown): boolean {
  const e = error as { $fault?: unknown; $retryable?: unknown; name?: unknown } | undefined;
  if (e?.$retryable) return true;
  if (e?.$fault === 'client') return THROTTLING.has(String(e.name));
  return true;
}
