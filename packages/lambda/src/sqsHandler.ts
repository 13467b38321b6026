import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { logger, resolveCorrelationId, runWithCorrelationId, runWithLogKeys } from '@platform/logging';
import { ClientError } from './errors';
import { isFifoBatch, messageContext, readSqsMessage, readSqsRecords } from './readSqsMessage';
import { isStandardResponse } from './responses';
import { asError, runInvocation, type OutcomeOf } from './runInvocation';
import type { SqsHandlerOptions, SqsLambdaHandler } from './types';
import { validateOptions } from './validateOptions';

/**
 * Wraps a domain function as an SQS batch handler (the event source mapping needs ReportBatchItemFailures):
 * each record is parsed, validated and handled under its own correlation ID and `message_id` log key; records
 * that fail are returned in `batchItemFailures`, so only they are retried and, after `maxReceiveCount`, go to
 * the DLQ. On FIFO queues the records run in order and a failure fails the rest of its message group.
 */
export function sqsHandler<TMessage = unknown>(options: SqsHandlerOptions<TMessage>): SqsLambdaHandler {
  validateOptions('sqsHandler', options, {
    schema: 'schema',
    handle: 'function',
    snsEnvelope: 'boolean',
    processInParallel: 'boolean',
    logSettings: 'function',
  });
  const { schema, handle, snsEnvelope = false, processInParallel = true, logSettings } = options;
  // Powertools keeps batch state per invocation (InvokeStore when invocations run concurrently): reusable.
  const standardProcessor = new BatchProcessor(EventType.SQS);
  const fifoProcessor = new SqsFifoPartialProcessorAsync();

  const processRecord = (record: SQSRecord): Promise<void> => {
    const correlationId = resolveCorrelationId(record);
    return runWithCorrelationId(correlationId, () =>
      runWithLogKeys({ message_id: record.messageId }, async () => {
        try {
          const message = await readSqsMessage(record, { schema, snsEnvelope });
          const result = await handle(message, messageContext(record, correlationId));
          if (isStandardResponse(result) && result.status === 'skipped') {
            logger.info(`Message skipped: ${result.message}`);
          }
        } catch (error) {
          if (error instanceof ClientError) {
            logger.warn(`Message rejected: ${error.message}`, { data: error.data });
          } else {
            logger.error('Message processing failed', asError(error));
          }
          throw error;
        }
      }),
    );
  };

  return async (event, context) =>
    runInvocation(
      { event, context, correlationId: resolveCorrelationId(event), logSettings },
      async () => {
        let records: SQSRecord[];
        try {
          records = readSqsRecords(event);
        } catch (error) {
          logger.error('Batch rejected', asError(error));
          throw error;
        }
        if (records.length === 0) return { batchItemFailures: [] };
        // throwOnFullBatchFailure: false -> a batch whose records all fail is reported, not thrown: same retries,
        // but no invocation error for what are record-level failures.
        const response = isFifoBatch(records)
          ? await processPartialResponse(event, processRecord, fifoProcessor, {
              context,
              skipGroupOnError: true,
              throwOnFullBatchFailure: false,
            })
          : await processPartialResponse(event, processRecord, standardProcessor, {
              context,
              processInParallel,
              throwOnFullBatchFailure: false,
            });
        return summarize(records.length, response);
      },
      sqsOutcome(event),
    );
}

/** A batch that returns is `success`, its failed records counted apart; a rejected batch is `error`. */
function sqsOutcome(event: unknown): OutcomeOf<SQSBatchResponse> {
  return {
    result: ({ batchItemFailures }) => ({
      status: 'success',
      records: { received: recordCount(event), failed: batchItemFailures.length },
    }),
    error: () => ({ status: 'error', records: { received: 0, failed: 0 } }),
  };
}

function recordCount(event: unknown): number {
  const records = (event as { Records?: unknown } | null)?.Records;
  return Array.isArray(records) ? records.length : 0;
}

function summarize(records: number, response: SQSBatchResponse): SQSBatchResponse {
  const failed = response.batchItemFailures.map((failure) => failure.itemIdentifier);
  if (failed.length > 0) {
    logger.warn('Batch processed with failed records', { records, failed_message_ids: failed });
  } else {
    logger.debug('Batch processed', { records });
  }
  // A fresh object: Powertools returns a shared default when nothing failed.
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}
