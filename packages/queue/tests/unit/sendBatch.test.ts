import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { prepareEntries } from '../../src/prepareEntries';
import { sendBatch, type BatchContext } from '../../src/sendBatch';
import { fakeSqs, QUEUE, type BatchReply } from '../fixtures';

const batch = prepareEntries([{ id: 'a', body: 'x' }], {
  fifo: false,
  maxBytes: 262_144,
  correlationId: undefined,
});
const context = (
  reply: BatchReply,
  maxAttempts = 2,
): BatchContext & { calls: () => number; send: jest.Mock } => {
  const sqs = fakeSqs(reply);
  return {
    sendEntries: (Entries) => sqs.client.send(new SendMessageBatchCommand({ QueueUrl: QUEUE, Entries })),
    maxAttempts,
    delay: () => 0,
    sleep: async () => undefined,
    calls: () => sqs.batches.length,
    send: sqs.client.send,
  };
};
const clientError = (name: string, extra: object = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $fault: 'client', $metadata: {}, ...extra });

describe('Function: sendBatch', () => {
  it.each([
    'RequestThrottled',
    'ThrottlingException',
    'Throttling',
    'KmsThrottled',
    'TooManyRequestsException',
  ])('retries a call throttled with %s', async (name) => {
    const ctx = context((_, call) => (call === 1 ? clientError(name) : {}));

    const outcome = await sendBatch(batch, ctx);

    expect(ctx.calls()).toBe(2);
    expect(outcome).toStrictEqual({ sent: [{ id: 'a', index: 0, messageId: 'mid-0' }], failed: [] });
  });

  it('retries a client error the SDK marks retryable', async () => {
    const ctx = context((_, call) => (call === 1 ? clientError('Odd', { $retryable: {} }) : {}));

    expect((await sendBatch(batch, ctx)).sent).toHaveLength(1);
    expect(ctx.calls()).toBe(2);
  });

  it('reports a call that rejected with no error object, after the retries', async () => {
    const ctx = context(() => undefined as unknown as Error);
    ctx.send.mockRejectedValue(undefined);

    expect((await sendBatch(batch, ctx)).failed).toStrictEqual([
      {
        id: 'a',
        index: 0,
        item: { id: 'a', body: 'x' },
        code: 'Error',
        message: 'undefined',
        senderFault: false,
        attempts: 2,
      },
    ]);
  });

  it('reports an entry SQS never answered for, after the retries', async () => {
    const ctx = context(() => ({ Successful: [], Failed: [] }));

    expect((await sendBatch(batch, ctx)).failed).toStrictEqual([
      {
        id: 'a',
        index: 0,
        item: { id: 'a', body: 'x' },
        code: 'MissingFromResponse',
        message: 'SQS returned no result for this entry',
        senderFault: false,
        attempts: 2,
      },
    ]);
  });

  it('reads failed entries without a code or message, and ignores answers for unknown entries', async () => {
    const ctx = context(() => ({
      Successful: [{ Id: '9', MessageId: 'stray', MD5OfMessageBody: 'x' }],
      Failed: [
        { Id: '0', SenderFault: true, Code: undefined },
        { Id: undefined, SenderFault: true, Code: 'X' },
      ],
    }));

    expect(await sendBatch(batch, ctx)).toStrictEqual({
      sent: [],
      failed: [
        {
          id: 'a',
          index: 0,
          item: { id: 'a', body: 'x' },
          code: 'Unknown',
          message: '',
          senderFault: true,
          attempts: 1,
        },
      ],
    });
  });
  it("reports an error's Code over its name, and stops", async () => {
    const ctx = context(() => clientError('Error', { Code: 'AccessDenied' }));

    expect(await sendBatch(batch, ctx)).toStrictEqual({
      sent: [],
      failed: [
        {
          id: 'a',
          index: 0,
          item: { id: 'a', body: 'x' },
          code: 'AccessDenied',
          message: 'Error happened',
          senderFault: true,
          attempts: 1,
        },
      ],
      stop: { code: 'AccessDenied', message: 'Error happened' },
    });
    expect(ctx.calls()).toBe(1);
  });

  it('reports a sent entry without a MessageId with an empty one', async () => {
    const ctx = context(() => ({ Successful: [{ Id: '0', MessageId: undefined, MD5OfMessageBody: 'x' }] }));

    expect(await sendBatch(batch, ctx)).toStrictEqual({
      sent: [{ id: 'a', index: 0, messageId: '' }],
      failed: [],
    });
  });
});
