import { createHash, randomUUID } from 'node:crypto';
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { sqsEvent } from './loadEvent';

export interface SqsTestMessage {
  /** A string is sent as is; anything else as its JSON. */
  readonly body: unknown;
  /** @default a random UUID */
  readonly messageId?: string;
  /** Sent as the `correlationId` String message attribute. */
  readonly correlationId?: string;
  /** Other String message attributes. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** FIFO only. @default the group of the sample record */
  readonly messageGroupId?: string;
  /** @default 1 */
  readonly receiveCount?: number;
}

export interface SqsTestEventOptions {
  /** Build FIFO records (MessageGroupId, SequenceNumber, a `.fifo` queue ARN). @default false */
  readonly fifo?: boolean;
}

/**
 * An SQS event whose records are copies of a real sample record (standard or FIFO) carrying the
 * given bodies and attributes, with a correct `md5OfBody`.
 */
export function buildSqsEvent(
  messages: readonly SqsTestMessage[],
  options: SqsTestEventOptions = {},
): SQSEvent {
  const template = options.fifo
    ? sqsEvent('sqs-fifo-batch.derived-from-lambda-docs').Records[0]!
    : sqsEvent('sqs-standard-batch.sam-rendered').Records[0]!;
  const firstSequence = BigInt(template.attributes.SequenceNumber ?? '0');
  return {
    Records: messages.map((message, index): SQSRecord => {
      const body = typeof message.body === 'string' ? message.body : JSON.stringify(message.body);
      const messageId = message.messageId ?? randomUUID();
      return {
        ...template,
        messageId,
        receiptHandle: `${template.receiptHandle}${index}`,
        body,
        md5OfBody: createHash('md5').update(body).digest('hex'),
        attributes: {
          ...template.attributes,
          ApproximateReceiveCount: String(message.receiveCount ?? 1),
          ...(options.fifo && {
            MessageGroupId: message.messageGroupId ?? template.attributes.MessageGroupId,
            MessageDeduplicationId: messageId,
            SequenceNumber: String(firstSequence + BigInt(index)),
          }),
        },
        messageAttributes: messageAttributes(message),
      };
    }),
  };
}

function messageAttributes(message: SqsTestMessage): SQSMessageAttributes {
  const values = {
    ...message.attributes,
    ...(message.correlationId !== undefined && { correlationId: message.correlationId }),
  };
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      { stringValue: value, stringListValues: [], binaryListValues: [], dataType: 'String' },
    ]),
  );
}
