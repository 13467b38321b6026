import {
  InvalidMessageError,
  MessageTooLargeError,
  QueueError,
  QueueOptionsError,
  SendMessagesError,
} from '../../src';

describe('Errors', () => {
  it('are named after their class, so logs and catch blocks can tell them apart', () => {
    expect(new QueueError('m').name).toBe('QueueError');
    expect(new QueueOptionsError('m').name).toBe('QueueOptionsError');
    expect(new InvalidMessageError(0, '0', 'bad').name).toBe('InvalidMessageError');
    expect(new MessageTooLargeError(0, '0', 2_000, 1_024).name).toBe('MessageTooLargeError');
  });

  it('SendMessagesError counts the messages and lists each code once', () => {
    const failed = (index: number, code: string) => ({
      id: `o-${index}`,
      index,
      item: { body: 'x' },
      code,
      message: `${code} happened`,
      senderFault: false,
      attempts: 3,
    });

    const error = new SendMessagesError({
      sent: [{ id: '0', index: 0, messageId: 'm' }],
      failed: [failed(1, 'InternalError'), failed(2, 'KmsThrottled'), failed(3, 'InternalError')],
    });

    expect(error.name).toBe('SendMessagesError');
    expect(error.message).toBe(
      '3 of 4 messages were not sent (InternalError, KmsThrottled); first: "o-1" (#1): InternalError happened',
    );
  });
  it('SendMessagesError still has a message when built without a failed message', () => {
    const error = new SendMessagesError({ sent: [{ id: '0', index: 0, messageId: 'm' }], failed: [] });

    expect(error.message).toBe('0 of 1 messages were not sent (); first: "?" (#0): ');
    expect(error.failed).toEqual([]);
  });
});
