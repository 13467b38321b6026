import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { FunctionRunner } from './functionRunner';
import type { LocalQueue } from './localCloud';
import type { LogStream } from './logStream';
import type { MappingModel } from './types';

export interface MappingOptions {
  /**
   * Seconds before a failed message is received again; the queue's visibility timeout when unset,
   * as in AWS. Lower it (--retry-after) to see retries and the DLQ without waiting minutes.
   */
  readonly retryAfterSeconds?: number;
  readonly region: string;
}

/** Lambda starts 5 pollers for a queue; with maximum concurrency set, that many batches at once. */
const DEFAULT_POLLERS = 5;

/**
 * An SQS event source mapping, as Lambda runs it: pollers receive batches (batch size, batching
 * window), invoke the function, and delete what succeeded. Failed messages stay on the queue until
 * their visibility timeout ends; the local SQS server moves them to the DLQ after maxReceiveCount.
 */
export function startSqsMapping(
  mapping: MappingModel,
  queue: LocalQueue,
  runner: FunctionRunner,
  sqs: SQSClient,
  log: LogStream,
  options: MappingOptions,
): { stop(): Promise<void> } {
  const abort = new AbortController();
  const tag = `${runner.tag}`;
  const pollers = Math.min(mapping.maxConcurrency ?? DEFAULT_POLLERS, DEFAULT_POLLERS * 2);

  const receive = async (max: number, waitSeconds: number): Promise<Message[]> => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: Math.min(max, 10),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: abort.signal },
    );
    return Messages;
  };

  /** Up to batchSize messages: one receive, or several within the batching window. */
  const nextBatch = async (): Promise<Message[]> => {
    const batch = await receive(mapping.batchSize, 2);
    const until = Date.now() + mapping.batchingWindowSeconds * 1000;
    while (batch.length > 0 && batch.length < mapping.batchSize && Date.now() < until) {
      const wait = Math.min(20, Math.ceil((until - Date.now()) / 1000));
      batch.push(...(await receive(mapping.batchSize - batch.length, wait)));
    }
    return batch;
  };

  const handle = async (batch: Message[]) => {
    const outcome = await runner.invoke({
      Records: batch.map((m) => toRecord(m, queue.arn, options.region)),
    });
    let failed: Message[];
    if (!outcome.ok) {
      log.line(tag, `batch of ${batch.length} failed: ${outcome.error?.name}: ${outcome.error?.message}`);
      failed = batch;
    } else if (mapping.reportBatchItemFailures) {
      const failures =
        (outcome.response as { batchItemFailures?: { itemIdentifier?: string }[] } | null)
          ?.batchItemFailures ?? [];
      const ids = new Set(failures.map((f) => f.itemIdentifier));
      // As Lambda: an unknown or empty identifier fails the whole batch.
      failed = [...ids].some((id) => !batch.some((m) => m.MessageId === id))
        ? batch
        : batch.filter((m) => ids.has(m.MessageId));
    } else {
      failed = [];
    }
    const done = batch.filter((m) => !failed.includes(m));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queue.url,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    if (failed.length > 0) {
      log.line(
        tag,
        `${failed.length} of ${batch.length} messages failed; retried after the visibility timeout` +
          (queue.model.redrive ? `, to the DLQ after ${queue.model.redrive.maxReceiveCount} receives` : ''),
      );
      if (options.retryAfterSeconds !== undefined) {
        await sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queue.url,
            Entries: failed.map((m, i) => ({
              Id: String(i),
              ReceiptHandle: m.ReceiptHandle,
              VisibilityTimeout: options.retryAfterSeconds,
            })),
          }),
        );
      }
    }
  };

  const poll = async () => {
    while (!abort.signal.aborted) {
      try {
        // A function that failed at init is not fed: its messages wait for the fix (a reload).
        if (runner.state === 'failed') {
          await delay(500, abort.signal);
          continue;
        }
        const batch = await nextBatch();
        if (batch.length > 0) await handle(batch);
      } catch (error) {
        if (abort.signal.aborted) return;
        log.line(tag, `polling ${queue.model.name} failed: ${(error as Error).message}`);
        await delay(1000, abort.signal);
      }
    }
  };
  const loops = mapping.enabled ? Array.from({ length: pollers }, () => poll()) : [];
  return {
    async stop() {
      abort.abort();
      // Polls end at once; an invocation in flight is not waited for (up to the function's timeout):
      // its process is stopped next, and its messages come back as after a crash.
      await Promise.race([Promise.allSettled(loops), new Promise((resolve) => setTimeout(resolve, 1000))]);
    },
  };
}

/** An SQS message -> the record Lambda hands the function. */
function toRecord(message: Message, queueArn: string, region: string) {
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body ?? '',
    attributes: message.Attributes ?? {},
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          stringValue: value.StringValue,
          binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined,
          stringListValues: [],
          binaryListValues: [],
          dataType: value.DataType,
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody,
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

const delay = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
