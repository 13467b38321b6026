import type { FailedMessage, QueueMessage, SendMessagesResult } from './types';

/** Base class of the errors of this package. */
export class QueueError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'QueueError';
  }
}

/** An option or the queue URL is wrong; nothing was sent. */
export class QueueOptionsError extends QueueError {
  constructor(message: string) {
    super(message);
    this.name = 'QueueOptionsError';
  }
}

/** A message cannot be sent as it is; nothing was sent. */
export class InvalidMessageError extends QueueError {
  constructor(
    readonly index: number,
    readonly id: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`Message ${label(index, id)}: ${reason}`, options);
    this.name = 'InvalidMessageError';
  }
}

/** A message is over the SQS size limit; nothing was sent. */
export class MessageTooLargeError extends InvalidMessageError {
  constructor(
    index: number,
    id: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(
      index,
      id,
      `${size.toLocaleString('en-US')} bytes (body + attributes) is over the SQS limit of ${limit.toLocaleString('en-US')}. ` +
        'Store the payload in S3 and send its key (claim check), or split it into smaller messages.',
    );
    this.name = 'MessageTooLargeError';
  }
}

/** Some messages were still unsent after the retries (`throwOnFailure: true`); `result` has both lists. */
export class SendMessagesError<T extends QueueMessage = QueueMessage> extends QueueError {
  readonly failed: FailedMessage<T>[];

  constructor(readonly result: SendMessagesResult<T>) {
    const codes = [...new Set(result.failed.map((f) => f.code))].join(', ');
    super(
      `${result.failed.length} of ${result.failed.length + result.sent.length} messages were not sent (${codes}); ` +
        `first: ${label(result.failed[0]?.index ?? 0, result.failed[0]?.id ?? '?')}: ${result.failed[0]?.message ?? ''}`,
    );
    this.name = 'SendMessagesError';
    this.failed = result.failed;
  }
}

function label(index: number, id: string): string {
  return id === String(index) ? `#${index}` : `"${id}" (#${index})`;
}
