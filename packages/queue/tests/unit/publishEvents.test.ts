import type { PublishBatchCommand, PublishBatchCommandOutput } from '@aws-sdk/client-sns';
import { runWithCorrelationId } from '@platform/logging';
import {
  InvalidMessageError,
  publishEvents,
  QueueOptionsError,
  SendMessagesError,
  streamTopicVariable,
  type SnsPublisher,
} from '../../src';
import { noWait, serviceError } from '../fixtures';

const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:orders-dev-order-accepted';

/** An SNS client that records each PublishBatch and answers through `reply` (default: all published). */
function fakeSns(reply: (call: number) => Partial<PublishBatchCommandOutput> | Error = () => ({})) {
  const calls: PublishBatchCommand['input'][] = [];
  const client: SnsPublisher = {
    send: jest.fn(async (command: PublishBatchCommand) => {
      calls.push(command.input);
      const answer = reply(calls.length);
      if (answer instanceof Error) throw answer;
      const entries = command.input.PublishBatchRequestEntries ?? [];
      const failed = new Set((answer.Failed ?? []).map((f) => f.Id));
      return {
        Successful:
          answer.Successful ??
          entries.filter((e) => !failed.has(e.Id)).map((e) => ({ Id: e.Id, MessageId: `sns-${e.Id}` })),
        Failed: answer.Failed ?? [],
        $metadata: {},
      };
    }),
  };
  return { client, calls };
}

describe('Function: publishEvents', () => {
  const saved = process.env.STREAM_ORDER_ACCEPTED_TOPIC_ARN;
  beforeEach(() => {
    process.env.STREAM_ORDER_ACCEPTED_TOPIC_ARN = TOPIC;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.STREAM_ORDER_ACCEPTED_TOPIC_ARN;
    else process.env.STREAM_ORDER_ACCEPTED_TOPIC_ARN = saved;
  });

  it("names the stream's variable as the stack sets it", () => {
    expect(streamTopicVariable('order.accepted')).toBe('STREAM_ORDER_ACCEPTED_TOPIC_ARN');
    expect(streamTopicVariable('stock-level.changed')).toBe('STREAM_STOCK_LEVEL_CHANGED_TOPIC_ARN');
  });

  it("publishes to the stream's topic in batches of 10, with the invocation's correlation ID and the attributes", async () => {
    // Prepare
    const sns = fakeSns();
    const events = Array.from({ length: 12 }, (_, i) => ({
      id: `e-${i}`,
      body: { n: i },
      attributes: { type: 'order.accepted' },
    }));

    // Act
    const result = await runWithCorrelationId('corr-7', () =>
      publishEvents('order.accepted', events, { client: sns.client }),
    );

    // Assess
    expect(sns.calls.map((c) => [c.TopicArn, c.PublishBatchRequestEntries?.length])).toEqual([
      [TOPIC, 10],
      [TOPIC, 2],
    ]);
    expect(sns.calls[0]!.PublishBatchRequestEntries![0]).toEqual({
      Id: '0',
      Message: '{"n":0}',
      MessageAttributes: {
        type: { DataType: 'String', StringValue: 'order.accepted' },
        correlationId: { DataType: 'String', StringValue: 'corr-7' },
      },
    });
    expect(result.failed).toEqual([]);
    expect(result.sent[11]).toEqual({ id: 'e-11', index: 11, messageId: 'sns-11' });
  });

  it('retries the entries SNS failed on its side, and throttled calls, then reports what is still unpublished', async () => {
    const sns = fakeSns((call) =>
      call === 1
        ? serviceError('Throttled', 'client')
        : { Failed: [{ Id: '1', Code: 'InternalError', Message: 'try again', SenderFault: false }] },
    );
    const logger = { warn: jest.fn() };

    await expect(
      publishEvents('order.accepted', [{ body: 'a' }, { body: 'b' }], {
        client: sns.client,
        maxAttempts: 3,
        sleep: noWait.sleep,
        logger,
        throwOnFailure: true,
      }),
    ).rejects.toThrow(SendMessagesError);

    expect(sns.calls.map((c) => c.PublishBatchRequestEntries?.map((e) => e.Id))).toEqual([
      ['0', '1'],
      ['0', '1'],
      ['1'],
    ]);
    expect(logger.warn).toHaveBeenCalledWith('SNS events not published', {
      stream: 'order.accepted',
      topicArn: TOPIC,
      sent: 1,
      failed: 1,
      codes: { InternalError: 1 },
      ids: ['1'],
    });
  });

  it('fails before any call when the stream is not wired, naming the variable and the fix', async () => {
    delete process.env.STREAM_ORDER_ACCEPTED_TOPIC_ARN;
    const sns = fakeSns();
    await expect(publishEvents('order.accepted', [{ body: 'a' }], { client: sns.client })).rejects.toThrow(
      new QueueOptionsError(
        "Stream \"order.accepted\": STREAM_ORDER_ACCEPTED_TOPIC_ARN is not set. Grant the function in its stack with fn.grantPublish(stack.eventTopic('order.accepted')) (the stream must be in the service's publishes in stacks/topology.ts).",
      ),
    );
    expect(sns.calls).toEqual([]);
  });

  it.each([
    ['a malformed stream name', 'Order Accepted', {}, /"Order Accepted" is not a stream name/],
    [
      'a topic that is not an SNS ARN',
      'order.accepted',
      { topicArn: 'orders' },
      /"orders" is not an SNS topic ARN/,
    ],
  ])('rejects %s', async (_, stream, options, message) => {
    await expect(
      publishEvents(stream, [{ body: 'a' }], { client: fakeSns().client, ...options }),
    ).rejects.toThrow(message);
  });

  it('rejects a per-message delay, which SNS does not have', async () => {
    await expect(
      publishEvents('order.accepted', [{ id: 'late', body: 'a', delaySeconds: 5 } as never], {
        client: fakeSns().client,
      }),
    ).rejects.toThrow(
      new InvalidMessageError(
        0,
        'late',
        'delaySeconds is not supported by SNS; remove it (a consumer may delay on its own queue)',
      ),
    );
  });
});
