/** HTTP header carrying the correlation ID, matched case-insensitively on requests and set on responses. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** SQS (`stringValue`) and SNS (`Value`) message attribute carrying the correlation ID; also `detail.correlationId` on EventBridge. */
export const CORRELATION_ID_ATTRIBUTE = 'correlationId';

/** The key of the correlation ID on every log line. */
export const CORRELATION_ID_LOG_KEY = 'correlation_id';

/** What a secret value is replaced with in the logs. */
export const REDACTED = '[REDACTED]';
