import type { SQSRecord } from 'aws-lambda';
import { BadRequestError, UnexpectedEventError } from './errors';
import { typeName } from './typeName';
import type { StandardSchemaV1 } from './standardSchema';
import type { SqsMessageContext } from './types';
import { validateOrThrow } from './validateInput';

const EXPECTED = 'an SQS event ({ Records: [...] } with "aws:sqs" records)';

/**
 * The records of an SQS event. A record without a messageId cannot be reported as failed on its own, so an
 * event with one, or with records of another source, fails as a whole (SQS then retries the batch).
 */
export function readSqsRecords(event: unknown): SQSRecord[] {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (typeof event !== 'object' || event === null || !Array.isArray(records)) {
    throw new UnexpectedEventError(
      'sqsHandler',
      EXPECTED,
      `received ${typeName(event)} without a "Records" array`,
    );
  }
  records.forEach((record: unknown, index) => {
    const { eventSource, messageId } = (record ?? {}) as Partial<SQSRecord>;
    if (eventSource !== 'aws:sqs') {
      throw new UnexpectedEventError(
        'sqsHandler',
        EXPECTED,
        `record ${index} has eventSource ${String(eventSource)}`,
      );
    }
    if (typeof messageId !== 'string' || messageId === '') {
      throw new UnexpectedEventError('sqsHandler', EXPECTED, `record ${index} has no messageId`);
    }
  });
  return records as SQSRecord[];
}

/** FIFO batches carry MessageGroupId (and come from a ".fifo" queue). */
export function isFifoBatch(records: readonly SQSRecord[]): boolean {
  const first = records[0];
  return first?.attributes?.MessageGroupId !== undefined || (first?.eventSourceARN ?? '').endsWith('.fifo');
}

export interface MessageOptions<T> {
  readonly schema: StandardSchemaV1<unknown, T> | undefined;
  readonly snsEnvelope: boolean;
}

/** The message of a record: its JSON body (or the SNS message inside it), validated. Throws `BadRequestError`. */
export async function readSqsMessage<T>(record: SQSRecord, options: MessageOptions<T>): Promise<T> {
  let message = parseJson(record.body, 'Message body is not valid JSON');
  if (options.snsEnvelope) {
    const envelope = message as { Type?: unknown; Message?: unknown } | null;
    if (envelope?.Type !== 'Notification' || typeof envelope.Message !== 'string') {
      throw new BadRequestError(
        'Message body is not an SNS notification (set snsEnvelope: false for raw delivery)',
      );
    }
    message = parseJson(envelope.Message, 'SNS message is not valid JSON');
  }
  return options.schema
    ? validateOrThrow(options.schema, message, 'message', 'Message is invalid')
    : (message as T);
}

export function messageContext(record: SQSRecord, correlationId: string): SqsMessageContext {
  const attributes: Record<string, string> = {};
  for (const [name, attribute] of Object.entries(record.messageAttributes ?? {})) {
    if (typeof attribute?.stringValue === 'string') attributes[name] = attribute.stringValue;
  }
  const receiveCount = Number.parseInt(record.attributes?.ApproximateReceiveCount ?? '', 10);
  return {
    messageId: record.messageId,
    correlationId,
    receiveCount: Number.isNaN(receiveCount) ? undefined : receiveCount,
    messageGroupId: record.attributes?.MessageGroupId,
    attributes,
  };
}

function parseJson(text: unknown, problem: string): unknown {
  if (typeof text !== 'string') throw new BadRequestError(`${problem}: it is ${typeName(text)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError(problem);
  }
}
