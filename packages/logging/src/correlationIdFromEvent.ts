import { CORRELATION_ID_ATTRIBUTE, CORRELATION_ID_HEADER } from './constants';

type Obj = Record<string, unknown>;

// IDs come from clients: accept only short, plain tokens (UUIDs, ULIDs, trace-style IDs), so a header
// cannot inject large or odd values into every log line and every downstream message.
const VALID_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
// Cheap test before parsing a body: SNS -> SQS without raw delivery wraps the message in this envelope.
const SNS_ENVELOPE = /"Type"\s*:\s*"Notification"/;

/**
 * The correlation ID an event carries, if any:
 * - API Gateway REST (v1) and HTTP API (v2): header `x-correlation-id`, any case;
 * - SQS record: message attribute `correlationId` (`stringValue`); else, for an SNS notification delivered
 *   to SQS without raw delivery, the SNS message attribute in the body's envelope;
 * - SNS record: message attribute `correlationId` (`Value`);
 * - EventBridge: `detail.correlationId`;
 * - an event with exactly one record (SNS, or an SQS batch of one): that record's.
 * Values that are not 1-128 characters of `A-Z a-z 0-9 . _ : @ / + = -` are ignored.
 */
export function correlationIdFromEvent(event: unknown): string | undefined {
  if (!isObject(event)) return undefined;
  const found =
    fromHeaders(event) ??
    fromSqsRecord(event) ??
    fromSnsRecord(event) ??
    fromEventBridge(event) ??
    fromOnlyRecord(event);
  return found;
}

function fromHeaders(event: Obj): string | undefined {
  return headerValue(event.headers) ?? headerValue(event.multiValueHeaders);
}

function headerValue(headers: unknown): string | undefined {
  if (!isObject(headers)) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== CORRELATION_ID_HEADER) continue;
    const id = valid(Array.isArray(value) ? value[0] : value);
    if (id) return id;
  }
  return undefined;
}

function fromSqsRecord(record: Obj): string | undefined {
  if (record.eventSource !== 'aws:sqs' && !isObject(record.messageAttributes)) return undefined;
  const attributes = record.messageAttributes;
  const attribute = isObject(attributes) ? attributes[CORRELATION_ID_ATTRIBUTE] : undefined;
  return (isObject(attribute) ? valid(attribute.stringValue) : undefined) ?? fromSnsEnvelope(record.body);
}

function fromSnsEnvelope(body: unknown): string | undefined {
  if (typeof body !== 'string' || !SNS_ENVELOPE.test(body)) return undefined;
  try {
    const envelope: unknown = JSON.parse(body);
    return isObject(envelope) ? snsAttribute(envelope.MessageAttributes) : undefined;
  } catch {
    return undefined;
  }
}

function fromSnsRecord(record: Obj): string | undefined {
  return isObject(record.Sns) ? snsAttribute(record.Sns.MessageAttributes) : undefined;
}

function snsAttribute(attributes: unknown): string | undefined {
  const attribute = isObject(attributes) ? attributes[CORRELATION_ID_ATTRIBUTE] : undefined;
  return isObject(attribute) ? valid(attribute.Value) : undefined;
}

function fromEventBridge(event: Obj): string | undefined {
  return 'detail-type' in event && isObject(event.detail)
    ? valid(event.detail[CORRELATION_ID_ATTRIBUTE])
    : undefined;
}

function fromOnlyRecord(event: Obj): string | undefined {
  return Array.isArray(event.Records) && event.Records.length === 1
    ? correlationIdFromEvent(event.Records[0])
    : undefined;
}

function valid(value: unknown): string | undefined {
  return typeof value === 'string' && VALID_ID.test(value) ? value : undefined;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
