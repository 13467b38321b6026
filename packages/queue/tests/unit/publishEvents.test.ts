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
  it('publishes to a FIFO topic with the group and deduplication IDs, one message per group per call', async () => {
    const sns = fakeSns();
    const events = [
      { body: 'a0', groupId: 'a', deduplicationId: 'd0' },
      { body: 'a1', groupId: 'a', deduplicationId: 'd1' },
      { body: 'b2', groupId: 'b' },
    ];

    const result = await publishEvents('order.accepted', events, {
      client: sns.client,
      topicArn: `${TOPIC}.fifo`,
    });

    expect(sns.calls).toStrictEqual([
      {
        TopicArn: `${TOPIC}.fifo`,
        PublishBatchRequestEntries: [
          { Id: '0', Message: 'a0', MessageGroupId: 'a', MessageDeduplicationId: 'd0' },
          { Id: '2', Message: 'b2', MessageGroupId: 'b' },
        ],
      },
      {
        TopicArn: `${TOPIC}.fifo`,
        PublishBatchRequestEntries: [
          { Id: '1', Message: 'a1', MessageGroupId: 'a', MessageDeduplicationId: 'd1' },
        ],
      },
    ]);
    expect(result.sent.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('refuses an event without a groupId on a FIFO topic', async () => {
    await expect(
      publishEvents('order.accepted', [{ body: 'a' }], {
        client: fakeSns().client,
        topicArn: `${TOPIC}.fifo`,
      }),
    ).rejects.toThrow('Message #0: groupId is required on a FIFO queue');
  });

  it('publishes only the message and its Id when there are no attributes', async () => {
    const sns = fakeSns();

    await publishEvents('order.accepted', [{ body: { n: 1 } }], { client: sns.client });

    expect(sns.calls).toStrictEqual([
      { TopicArn: TOPIC, PublishBatchRequestEntries: [{ Id: '0', Message: '{"n":1}' }] },
    ]);
  });

  it('takes the correlation ID of the option over the invocation', async () => {
    const sns = fakeSns();

    await runWithCorrelationId('from-context', () =>
      publishEvents('order.accepted', [{ body: 'a' }], { client: sns.client, correlationId: 'from-option' }),
    );

    expect(sns.calls[0]?.PublishBatchRequestEntries?.[0]?.MessageAttributes).toStrictEqual({
      correlationId: { DataType: 'String', StringValue: 'from-option' },
    });
  });

  it('returns the unpublished events without throwing by default', async () => {
    const sns = fakeSns(() => ({
      Failed: [{ Id: '0', Code: 'InvalidParameter', Message: 'bad', SenderFault: true }],
    }));

    const result = await publishEvents('order.accepted', [{ id: 'e-1', body: 'a' }], {
      client: sns.client,
      logger: noWait.logger,
    });

    expect(result).toStrictEqual({
      sent: [],
      failed: [
        {
          id: 'e-1',
          index: 0,
          item: { id: 'e-1', body: 'a' },
          code: 'InvalidParameter',
          message: 'bad',
          senderFault: true,
          attempts: 1,
        },
      ],
    });
  });

  it('makes no call for an empty list', async () => {
    const sns = fakeSns();

    await expect(publishEvents('order.accepted', [], { client: sns.client })).resolves.toStrictEqual({
      sent: [],
      failed: [],
    });
    expect(sns.calls).toEqual([]);
  });

  it('refuses items that are not an array, and an item that is not an object', async () => {
    const { client } = fakeSns();

    await expect(publishEvents('order.accepted', { body: 'a' } as never, { client })).rejects.toThrow(
      new QueueOptionsError('items must be an array of events, e.g. [{ body: {...} }].'),
    );
    await expect(publishEvents('order.accepted', [null as never], { client })).rejects.toThrow(
      new InvalidMessageError(0, '0', 'expected an object like { body: ... }'),
    );
  });

  it('names a delayed event by its index when it has no id', async () => {
    await expect(
      publishEvents('order.accepted', [{ body: 'a' }, { body: 'b', delaySeconds: 0 } as never], {
        client: fakeSns().client,
      }),
    ).rejects.toThrow(
      'Message #1: delaySeconds is not supported by SNS; remove it (a consumer may delay on its own queue)',
    );
  });

  it('says what a topic ARN looks like, and refuses a stream name that is not a string', async () => {
    const { client } = fakeSns();

    await expect(
      publishEvents('order.accepted', [{ body: 'a' }], { client, topicArn: 'orders' }),
    ).rejects.toThrow(
      new QueueOptionsError(
        'Stream "order.accepted": "orders" is not an SNS topic ARN; expected e.g. arn:aws:sns:eu-west-1:123456789012:orders-dev-order-accepted.',
      ),
    );
    await expect(publishEvents(undefined as never, [{ body: 'a' }], { client })).rejects.toThrow(
      new QueueOptionsError(
        'undefined is not a stream name; use the name declared in stacks/topology.ts (e.g. "order.accepted").',
      ),
    );
  });
});
