import type { SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { backoffDelay } from './backoffDelay';
import { chunkEntries } from './chunkEntries';
import { chunkFifoEntries } from './chunkFifoEntries';
import { consoleLogger } from './consoleLogger';
import { QueueOptionsError, SendMessagesError } from './errors';
import type { PreparedEntry } from './prepareEntries';
import { sendBatch, type BatchCallOutput, type BatchContext } from './sendBatch';
import type {
  FailedMessage,
  QueueLogger,
  QueueMessage,
  SendMessagesOptions,
  SendMessagesResult,
  SentMessage,
} from './types';

/** The SQS and SNS limit for a message, and for a whole batch. */
export const MAX_MESSAGE_BYTES = 262_144;

export type ResolvedOptions = ReturnType<typeof resolveOptions>;

/** The options `sendMessages` and `publishEvents` share, with their defaults, checked. */
export function resolveOptions(options: Omit<SendMessagesOptions, 'client'>) {
  const resolved = {
    maxAttempts: options.maxAttempts ?? 3,
    baseDelayMs: options.baseDelayMs ?? 50,
    maxDelayMs: options.maxDelayMs ?? 2_000,
    concurrency: options.concurrency ?? 5,
    maxBytes: options.maxBytes ?? MAX_MESSAGE_BYTES,
    logger: (options.logger ?? consoleLogger) as QueueLogger,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
  };
  checkInteger('maxAttempts', resolved.maxAttempts, 1, 20);
  checkInteger('baseDelayMs', resolved.baseDelayMs, 0, 60_000);
  checkInteger('maxDelayMs', resolved.maxDelayMs, 0, 300_000);
  checkInteger('concurrency', resolved.concurrency, 1, 100);
  // SQS accepts up to 1 MiB since 2025; 256 KiB stays the default until every consumer handles more.
  checkInteger('maxBytes', resolved.maxBytes, 1_024, 1_048_576);
  return resolved;
}

function checkInteger(option: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new QueueOptionsError(
      `Option ${option} is ${String(value)}; expected a whole number from ${min} to ${max}.`,
    );
  }
}

export interface DeliverOptions {
  readonly fifo: boolean;
  readonly options: ResolvedOptions;
  readonly throwOnFailure: boolean;
  /** One batch call: SQS SendMessageBatch or SNS PublishBatch. */
  readonly sendEntries: (entries: SendMessageBatchRequestEntry[]) => Promise<BatchCallOutput>;
  /** The warning logged when messages stay unsent, and where they were going. */
  readonly warning: { readonly message: string; readonly target: Record<string, string> };
}

/**
 * Sends prepared messages in as few batch calls as fit, `concurrency` at a time (FIFO: one at a time,
 * at most one message per group per call), retrying failed entries with backoff, and reports what is
 * still unsent: in `failed`, in a warning, and as a `SendMessagesError` if asked.
 */
export async function deliver<T extends QueueMessage>(
  prepared: readonly PreparedEntry<T>[],
  how: DeliverOptions,
): Promise<SendMessagesResult<T>> {
  const { fifo, options: resolved } = how;
  const context: BatchContext = {
    sendEntries: how.sendEntries,
    maxAttempts: resolved.maxAttempts,
    delay: (retry) => backoffDelay(retry, resolved.baseDelayMs, resolved.maxDelayMs, resolved.random),
    sleep: resolved.sleep,
  };
  const sent: SentMessage[] = [];
  const failed: FailedMessage<T>[] = [];
  let stop: { code: string; message: string } | undefined;
  // FIFO: once a message of a group is unsent, later ones of that group stay unsent too, so that what
  // arrives of a group is always a prefix of it. Batches hold one entry per group (chunkFifoEntries),
  // so a message is retried or given up before the next one of its group is sent.
  const brokenGroups = new Set<string>();

  const sendChunk = async (chunk: PreparedEntry<T>[]) => {
    if (stop) {
      const { code, message } = stop;
      failed.push(
        ...chunk.map((p) =>
          notSent(p, code, `Not sent: an earlier batch failed with ${code}: ${message}`, true),
        ),
      );
      return;
    }
    const blocked = fifo ? chunk.filter((p) => brokenGroups.has(p.groupId as string)) : [];
    failed.push(
      ...blocked.map((p) =>
        notSent(
          p,
          'PrecedingMessageFailed',
          `Not sent: an earlier message of group "${p.groupId}" failed to send.`,
          false,
        ),
      ),
    );
    const toSend = blocked.length > 0 ? chunk.filter((p) => !blocked.includes(p)) : chunk;
    if (toSend.length === 0) return;
    const outcome = await sendBatch(toSend, context);
    sent.push(...outcome.sent);
    failed.push(...outcome.failed);
    stop ??= outcome.stop;
    if (fifo) for (const f of outcome.failed) brokenGroups.add(f.item.groupId as string);
  };
  const chunks = fifo
    ? chunkFifoEntries(prepared, resolved.maxBytes)
    : chunkEntries(prepared, resolved.maxBytes);
  await runPool(chunks, fifo ? 1 : resolved.concurrency, sendChunk);

  const result = { sent: sent.sort(byIndex), failed: failed.sort(byIndex) };
  if (result.failed.length > 0) {
    resolved.logger.warn(how.warning.message, {
      ...how.warning.target,
      sent: result.sent.length,
      failed: result.failed.length,
      codes: countCodes(result.failed),
      ids: result.failed.slice(0, 20).map((f) => f.id),
    });
    if (how.throwOnFailure) throw new SendMessagesError(result);
  }
  return result;
}

function notSent<T extends QueueMessage>(
  p: PreparedEntry<T>,
  code: string,
  message: string,
  senderFault: boolean,
): FailedMessage<T> {
  return { id: p.id, index: p.index, item: p.item, code, message, senderFault, attempts: 0 };
}

async function runPool<I>(
  items: readonly I[],
  concurrency: number,
  work: (item: I) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as I);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function byIndex(a: { index: number }, b: { index: number }): number {
  return a.index - b.index;
}

function countCodes(failed: readonly FailedMessage<QueueMessage>[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const f of failed) codes[f.code] = (codes[f.code] ?? 0) + 1;
  return codes;
}
