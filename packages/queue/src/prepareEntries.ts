import type { MessageAttributeValue, SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { CORRELATION_ID_ATTRIBUTE } from '@platform/logging';
import { InvalidMessageError, MessageTooLargeError } from './errors';
import { messageSize } from './messageSize';
import type { MessageAttribute, QueueMessage } from './types';

/** A validated message, ready to go into a batch (its batch entry Id is its index). */
export interface PreparedEntry<T extends QueueMessage> {
  readonly index: number;
  readonly id: string;
  readonly item: T;
  readonly entry: Omit<SendMessageBatchRequestEntry, 'Id'>;
  readonly size: number;
  readonly groupId?: string;
}

const MAX_ATTRIBUTES = 10;
const MAX_DELAY_SECONDS = 900;
const MAX_FIFO_ID_LENGTH = 128;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;
const RESERVED_ATTRIBUTE_PREFIX = /^(aws\.|amazon\.)/i;

/**
 * Checks every message before anything is sent, so a bad one fails the call instead of a batch
 * halfway through, and builds its batch entry (body, FIFO fields, attributes with the correlation ID).
 */
export function prepareEntries<T extends QueueMessage>(
  items: readonly T[],
  context: { readonly fifo: boolean; readonly maxBytes: number; readonly correlationId: string | undefined },
): PreparedEntry<T>[] {
  return items.map((item, index) => {
    const id = item?.id ?? String(index);
    const validId = typeof id === 'string' && id !== '';
    const fail = (reason: string, options?: ErrorOptions) =>
      new InvalidMessageError(index, validId ? id : String(index), reason, options);
    if (typeof item !== 'object' || item === null) throw fail('expected an object like { body: ... }');
    if (!validId) throw fail('id must be a non-empty string');
    const body = serialiseBody(item.body, fail);
    checkQueueFields(item, context.fifo, fail);
    const attributes = buildAttributes(item, context.correlationId, fail);
    const size = messageSize(body, attributes);
    if (size > context.maxBytes) throw new MessageTooLargeError(index, id, size, context.maxBytes);
    const entry: Omit<SendMessageBatchRequestEntry, 'Id'> = {
      MessageBody: body,
      ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
      ...(item.groupId === undefined ? {} : { MessageGroupId: item.groupId }),
      ...(item.deduplicationId === undefined ? {} : { MessageDeduplicationId: item.deduplicationId }),
      ...(item.delaySeconds === undefined ? {} : { DelaySeconds: item.delaySeconds }),
    };
    return { index, id, item, entry, size, ...(item.groupId === undefined ? {} : { groupId: item.groupId }) };
  });
}

function serialiseBody(body: unknown, fail: (reason: string, options?: ErrorOptions) => Error): string {
  if (body === undefined || body === null) throw fail('body is missing');
  let text: string | undefined;
  try {
    text = typeof body === 'string' ? body : JSON.stringify(body);
  } catch (error) {
    throw fail(`body cannot be serialised to JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof text !== 'string') throw fail(`body of type ${typeof body} cannot be serialised to JSON`);
  if (text.length === 0) throw fail('body is empty; SQS needs at least one character');
  return text;
}

function checkQueueFields(item: QueueMessage, fifo: boolean, fail: (reason: string) => Error): void {
  const { groupId, deduplicationId, delaySeconds } = item;
  if (fifo && (groupId === undefined || groupId === '')) {
    throw fail('groupId is required on a FIFO queue (it names the group whose order SQS keeps)');
  }
  for (const [field, value] of [
    ['groupId', groupId],
    ['deduplicationId', deduplicationId],
  ] as const) {
    if (
      value !== undefined &&
      (typeof value !== 'string' || value.length === 0 || value.length > MAX_FIFO_ID_LENGTH)
    ) {
      throw fail(`${field} must be a string of 1-${MAX_FIFO_ID_LENGTH} characters`);
    }
  }
  if (!fifo && deduplicationId !== undefined) {
    throw fail(
      'deduplicationId is only for FIFO queues (URL ending in .fifo); remove it or send to a FIFO queue',
    );
  }
  if (delaySeconds !== undefined) {
    if (fifo)
      throw fail('delaySeconds is not allowed per message on a FIFO queue; set DelaySeconds on the queue');
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
      throw fail(
        `delaySeconds ${String(delaySeconds)} is out of range; use a whole number from 0 to ${MAX_DELAY_SECONDS}`,
      );
    }
  }
}

function buildAttributes(
  item: QueueMessage,
  defaultCorrelationId: string | undefined,
  fail: (reason: string) => Error,
): Record<string, MessageAttributeValue> {
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(item.attributes ?? {})) {
    if (!ATTRIBUTE_NAME.test(name) || RESERVED_ATTRIBUTE_PREFIX.test(name)) {
      throw fail(
        `attribute name "${name}" is not allowed: use letters, digits, "_", "-" and "." (not first, last or doubled), ` +
          'at most 256 characters, not starting with "AWS." or "Amazon."',
      );
    }
    attributes[name] = toAttributeValue(name, value, fail);
  }
  const correlationId = item.correlationId ?? defaultCorrelationId;
  if (correlationId !== undefined && !(CORRELATION_ID_ATTRIBUTE in attributes)) {
    if (typeof correlationId !== 'string' || correlationId === '')
      throw fail('correlationId must be a non-empty string');
    attributes[CORRELATION_ID_ATTRIBUTE] = { DataType: 'String', StringValue: correlationId };
  }
  const count = Object.keys(attributes).length;
  if (count > MAX_ATTRIBUTES) {
    throw fail(
      `${count} message attributes (including "${CORRELATION_ID_ATTRIBUTE}" when set) is over the SQS limit of ` +
        `${MAX_ATTRIBUTES}; move some into the body`,
    );
  }
  return attributes;
}

function toAttributeValue(
  name: string,
  value: MessageAttribute,
  fail: (reason: string) => Error,
): MessageAttributeValue {
  if (typeof value === 'string') {
    if (value === '')
      throw fail(`attribute "${name}" is empty; SQS needs a value (leave the attribute out instead)`);
    return { DataType: 'String', StringValue: value };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw fail(`attribute "${name}" is ${value}; SQS numbers must be finite`);
    return { DataType: 'Number', StringValue: String(value) };
  }
  if (value instanceof Uint8Array) return { DataType: 'Binary', BinaryValue: value };
  if (typeof value === 'object' && value !== null && typeof value.DataType === 'string') return value;
  throw fail(`attribute "${name}" must be a string, a number, a Uint8Array or an SQS MessageAttributeValue`);
}
