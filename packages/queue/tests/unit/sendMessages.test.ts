import { getCorrelationId } from '@platform/logging';
import {
  InvalidMessageError,
  MessageTooLargeError,
  QueueOptionsError,
  sendMessages,
  SendMessagesError,
  type QueueMessage,
} from '../../src';
import { failEntry, FIFO_QUEUE, fakeSqs, noWait, QUEUE, serviceError } from '../fixtures';

jest.mock('@platform/logging', () => ({
  ...jest.requireActual<typeof import('@platform/logging')>('@platform/logging'),
  getCorrelationId: jest.fn(),
}));
const correlationId = jest.mocked(getCorrelationId);

const messages = (n: number, make: (i: number) => Partial<QueueMessage> = () => ({})): QueueMessage[] =>
  Array.from({ length: n }, (_, i) => ({ body: { n: i }, ...make(i) }));

describe('Function: sendMessages', () => {
  beforeEach(() => correlationId.mockReturnValue(undefined));

  describe('batching', () => {
    it('sends in batches of at most 10 and reports every message as sent, in order', async () => {
      // Prepare
      const sqs = fakeSqs();

      // Act
      const result = await sendMessages(QUEUE, messages(25), { client: sqs.client });

      // Assess
      expect(sqs.batches.map((b) => b.length)).toEqual([10, 10, 5]);
      expect(sqs.batches[0]?.[0]).toEqual({ Id: '0', MessageBody: '{"n":0}' });
      expect(sqs.client.send.mock.calls[0]?.[0].input.QueueUrl).toBe(QUEUE);
      expect(result.failed).toEqual([]);
      expect(result.sent).toHaveLength(25);
      expect(result.sent[24]).toEqual({ id: '24', index: 24, messageId: 'mid-24' });
    });

    it('sends a string body as is and anything else as JSON', async () => {
      const sqs = fakeSqs();

      await sendMessages(QUEUE, [{ body: 'plain text' }, { body: { a: [1, 'b'] } }, { body: [true] }], {
        client: sqs.client,
      });

      expect(sqs.batches[0]?.map((e) => e.MessageBody)).toEqual(['plain text', '{"a":[1,"b"]}', '[true]']);
    });

    it('starts a new batch before the payload passes 256 KiB', async () => {
      const sqs = fakeSqs();
      const kib100 = 'x'.repeat(100 * 1024);

      await sendMessages(
        QUEUE,
        messages(5, () => ({ body: kib100 })),
        { client: sqs.client },
      );

      expect(sqs.batches.map((b) => b.length)).toEqual([2, 2, 1]);
    });

    it('counts attributes in the batch payload', async () => {
      const sqs = fakeSqs();
      const body = 'x'.repeat(131_000);
      // 2 x (131,000 + "k" + "String" + 72 chars) = 262,158 > 262,144: must not share a batch.
      const attributes = { k: 'v'.repeat(72) };

      await sendMessages(
        QUEUE,
        [
          { body, attributes },
          { body, attributes },
        ],
        { client: sqs.client },
      );

      expect(sqs.batches.map((b) => b.length)).toEqual([1, 1]);
    });

    it('sends a message of exactly 256 KiB', async () => {
      const sqs = fakeSqs();

      const result = await sendMessages(QUEUE, [{ body: 'x'.repeat(262_144) }], { client: sqs.client });

      expect(result.sent).toHaveLength(1);
    });

    it('refuses a message over 256 KiB before any call, naming it and its size', async () => {
      const sqs = fakeSqs();
      const items = [
        { body: 'small' },
        { id: 'order-17', body: 'x'.repeat(262_140), attributes: { big: 'yes' } },
      ];

      const error = await sendMessages(QUEUE, items, { client: sqs.client }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(MessageTooLargeError);
      expect(error).toBeInstanceOf(InvalidMessageError);
      // 262,140 body + "big" + "String" + "yes"
      expect(error).toMatchObject({ id: 'order-17', index: 1, size: 262_152, limit: 262_144 });
      expect((error as Error).message).toBe(
        'Message "order-17" (#1): 262,152 bytes (body + attributes) is over the SQS limit of 262,144. ' +
          'Store the payload in S3 and send its key (claim check), or split it into smaller messages.',
      );
      expect(sqs.client.send).not.toHaveBeenCalled();
    });

    it('counts the size in UTF-8 bytes, not characters', async () => {
      const sqs = fakeSqs();
      const euros = '€'.repeat(90_000); // 270,000 bytes

      await expect(sendMessages(QUEUE, [{ body: euros }], { client: sqs.client })).rejects.toThrow(
        /#0: 270,000 bytes/,
      );
    });

    it('honours a larger maxBytes (SQS accepts up to 1 MiB)', async () => {
      const sqs = fakeSqs();

      const result = await sendMessages(QUEUE, [{ body: 'x'.repeat(300_000) }], {
        client: sqs.client,
        maxBytes: 1_048_576,
      });

      expect(result.sent).toHaveLength(1);
    });

    it('makes no call for an empty list', async () => {
      const sqs = fakeSqs();

      await expect(sendMessages(QUEUE, [], { client: sqs.client })).resolves.toEqual({
        sent: [],
        failed: [],
      });
      expect(sqs.client.send).not.toHaveBeenCalled();
    });

    it('keeps at most `concurrency` batches in flight on a standard queue', async () => {
      const sqs = fakeSqs();

      await sendMessages(QUEUE, messages(100), { client: sqs.client, concurrency: 3 });

      expect(sqs.batches).toHaveLength(10);
      expect(sqs.maxInFlight()).toBe(3);
    });
  });

  describe('retries', () => {
    it('sends again only the entries that failed on the SQS side, after a backoff', async () => {
      // Prepare: entries 3 and 7 fail on the first call
      const sqs = fakeSqs((_entries, call) =>
        call === 1 ? { Failed: [failEntry('3', false), failEntry('7', false)] } : {},
      );
      const sleep = jest.fn(async (_ms: number) => undefined);

      // Act
      const result = await sendMessages(QUEUE, messages(10), {
        client: sqs.client,
        sleep,
        random: () => 0.5,
      });

      // Assess
      expect(sqs.batches.map((b) => b.map((e) => e.Id))).toEqual([
        ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
        ['3', '7'],
      ]);
      expect(sleep).toHaveBeenCalledWith(25);
      expect(result.sent.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(result.failed).toEqual([]);
    });

    it("does not retry entries that failed through the sender's fault, and reports them", async () => {
      const sqs = fakeSqs(() => ({ Failed: [failEntry('1', true, 'InvalidMessageContents')] }));
      const items = messages(3);

      const result = await sendMessages(QUEUE, items, { client: sqs.client, ...noWait });

      expect(sqs.client.send).toHaveBeenCalledTimes(1);
      expect(result.failed).toEqual([
        {
          id: '1',
          index: 1,
          item: items[1],
          code: 'InvalidMessageContents',
          message: 'InvalidMessageContents for 1',
          senderFault: true,
          attempts: 1,
        },
      ]);
      expect(result.sent.map((s) => s.index)).toEqual([0, 2]);
    });

    it('reports entries still failing after maxAttempts, and warns', async () => {
      const sqs = fakeSqs(() => ({ Failed: [failEntry('0', false, 'ServiceUnavailable')] }));
      const warn = jest.fn();

      const result = await sendMessages(QUEUE, [{ id: 'order-1', body: 'a' }, { body: 'b' }], {
        client: sqs.client,
        maxAttempts: 4,
        sleep: async () => undefined,
        logger: { warn },
      });

      expect(sqs.client.send).toHaveBeenCalledTimes(4);
      expect(result.failed).toEqual([
        expect.objectContaining({ id: 'order-1', senderFault: false, attempts: 4 }),
      ]);
      expect(result.sent).toEqual([{ id: '1', index: 1, messageId: 'mid-1' }]);
      expect(warn).toHaveBeenCalledWith('SQS messages not sent', {
        queueUrl: QUEUE,
        sent: 1,
        failed: 1,
        codes: { ServiceUnavailable: 1 },
        ids: ['order-1'],
      });
    });

    it('names at most 20 unsent messages in the warning, and warns only when some are unsent', async () => {
      const warn = jest.fn();
      const rejectAll = fakeSqs((entries) => ({ Failed: entries.map((e) => failEntry(e.Id, true)) }));

      await sendMessages(QUEUE, messages(3), { client: fakeSqs().client, logger: { warn } });
      expect(warn).not.toHaveBeenCalled();

      await sendMessages(QUEUE, messages(25), { client: rejectAll.client, logger: { warn } });
      expect(warn.mock.calls[0]?.[1]?.ids).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    });

    it('waits with exponential backoff and full jitter, capped', async () => {
      const sqs = fakeSqs(() => ({ Failed: [failEntry('0', false)] }));
      const sleep = jest.fn(async (_ms: number) => undefined);

      await sendMessages(QUEUE, messages(1), {
        client: sqs.client,
        maxAttempts: 6,
        baseDelayMs: 100,
        maxDelayMs: 1_000,
        random: () => 0.999,
        sleep,
        logger: noWait.logger,
      });

      expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([99, 199, 399, 799, 999]);
    });

    it('retries the whole batch when the call fails on the SQS side or the network', async () => {
      const sqs = fakeSqs((_entries, call) =>
        call === 1 ? serviceError('InternalError', 'server') : call === 2 ? new Error('socket hang up') : {},
      );

      const result = await sendMessages(QUEUE, messages(3), { client: sqs.client, ...noWait });

      expect(sqs.client.send).toHaveBeenCalledTimes(3);
      expect(result.sent).toHaveLength(3);
    });

    it('retries a throttled call', async () => {
      const sqs = fakeSqs((_entries, call) => (call === 1 ? serviceError('RequestThrottled', 'client') : {}));

      const result = await sendMessages(QUEUE, messages(2), { client: sqs.client, ...noWait });

      expect(sqs.client.send).toHaveBeenCalledTimes(2);
      expect(result.failed).toEqual([]);
    });

    it('stops at a call error retries cannot fix, and reports every message', async () => {
      const sqs = fakeSqs(() => serviceError('QueueDoesNotExist', 'client'));

      const result = await sendMessages(QUEUE, messages(25), {
        client: sqs.client,
        concurrency: 1,
        ...noWait,
      });

      expect(sqs.client.send).toHaveBeenCalledTimes(1);
      expect(result.sent).toEqual([]);
      expect(result.failed).toHaveLength(25);
      expect(result.failed[0]).toMatchObject({ code: 'QueueDoesNotExist', senderFault: true, attempts: 1 });
      expect(result.failed[24]).toMatchObject({
        code: 'QueueDoesNotExist',
        senderFault: true,
        attempts: 0,
        message: 'Not sent: an earlier batch failed with QueueDoesNotExist: QueueDoesNotExist happened',
      });
    });

    it('sends again an entry SQS did not answer for', async () => {
      const sqs = fakeSqs((entries, call) =>
        call === 1
          ? { Successful: entries.slice(1).map((e) => ({ Id: e.Id, MessageId: 'm', MD5OfMessageBody: 'x' })) }
          : {},
      );

      const result = await sendMessages(QUEUE, messages(3), { client: sqs.client, ...noWait });

      expect(sqs.batches[1]?.map((e) => e.Id)).toEqual(['0']);
      expect(result.sent).toHaveLength(3);
    });

    it('throws a SendMessagesError holding both lists when asked to', async () => {
      const sqs = fakeSqs(() => ({ Failed: [failEntry('1', true, 'InvalidParameterValue')] }));

      const error = await sendMessages(
        QUEUE,
        messages(2, (i) => ({ id: `m-${i}` })),
        {
          client: sqs.client,
          throwOnFailure: true,
          ...noWait,
        },
      ).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(SendMessagesError);
      const { result, failed, message } = error as SendMessagesError;
      expect(result.sent.map((s) => s.id)).toEqual(['m-0']);
      expect(failed.map((f) => f.id)).toEqual(['m-1']);
      expect(message).toBe(
        '1 of 2 messages were not sent (InvalidParameterValue); first: "m-1" (#1): InvalidParameterValue for 1',
      );
    });
  });

  describe('FIFO queues', () => {
    it('sends group and deduplication IDs, one batch at a time, and returns sequence numbers', async () => {
      const sqs = fakeSqs((entries) => ({
        Successful: entries.map((e) => ({
          Id: e.Id,
          MessageId: `m${e.Id}`,
          SequenceNumber: `1000${e.Id}`,
          MD5OfMessageBody: 'x',
        })),
      }));

      const result = await sendMessages(
        FIFO_QUEUE,
        messages(30, (i) => ({ groupId: `order-${i % 3}`, deduplicationId: `d-${i}` })),
        { client: sqs.client, concurrency: 10 },
      );

      expect(sqs.batches[1]?.[1]).toEqual({
        Id: '4',
        MessageBody: '{"n":4}',
        MessageGroupId: 'order-1',
        MessageDeduplicationId: 'd-4',
      });
      expect(sqs.maxInFlight()).toBe(1);
      expect(result.sent[4]).toEqual({ id: '4', index: 4, messageId: 'm4', sequenceNumber: '10004' });
    });

    it('puts at most one message of each group in a call, each group in order', async () => {
      const sqs = fakeSqs();
      const groups = ['a', 'a', 'b', 'a', 'c', 'b', 'a'];

      await sendMessages(
        FIFO_QUEUE,
        groups.map((groupId, i) => ({ body: `${i}`, groupId, deduplicationId: `d${i}` })),
        { client: sqs.client },
      );

      expect(sqs.batches.map((b) => b.map((e) => `${e.MessageGroupId}${e.Id}`))).toEqual([
        ['a0', 'b2', 'c4'],
        ['a1', 'b5'],
        ['a3'],
        ['a6'],
      ]);
    });

    it('does not send later messages of a group once one of its messages failed', async () => {
      // Message 1 (group a) fails for good in the first call; group b goes on.
      const sqs = fakeSqs((_entries, call) =>
        call === 1 ? { Failed: [failEntry('1', true, 'InvalidParameterValue')] } : {},
      );
      const items = messages(8, (i) => ({ groupId: i % 2 === 0 ? 'b' : 'a', deduplicationId: `d${i}` }));

      const result = await sendMessages(FIFO_QUEUE, items, { client: sqs.client, ...noWait });

      expect(sqs.batches.map((b) => b.map((e) => e.Id))).toEqual([['0', '1'], ['2'], ['4'], ['6']]);
      expect(result.sent.map((s) => s.index)).toEqual([0, 2, 4, 6]);
      expect(result.failed.map((f) => [f.index, f.code, f.attempts])).toEqual([
        [1, 'InvalidParameterValue', 1],
        [3, 'PrecedingMessageFailed', 0],
        [5, 'PrecedingMessageFailed', 0],
        [7, 'PrecedingMessageFailed', 0],
      ]);
      expect(result.failed[1]?.message).toBe('Not sent: an earlier message of group "a" failed to send.');
    });

    it('retries a failed message before the next message of its group is sent', async () => {
      // SQS fails message 1 on its first send, as it may fail any entry of a batch.
      const sqs = fakeSqs((_entries, call) => (call === 2 ? { Failed: [failEntry('1', false)] } : {}));
      const items = messages(3, (i) => ({ groupId: 'g', deduplicationId: `d${i}` }));

      const result = await sendMessages(FIFO_QUEUE, items, { client: sqs.client, ...noWait });

      expect(sqs.batches.map((b) => b.map((e) => e.Id))).toEqual([['0'], ['1'], ['1'], ['2']]);
      expect(result.sent.map((s) => s.index)).toEqual([0, 1, 2]);
      expect(result.failed).toEqual([]);
    });

    it('gives up the rest of a group when one of its messages still fails after maxAttempts', async () => {
      const sqs = fakeSqs((entries) =>
        entries.some((e) => e.Id === '1') ? { Failed: [failEntry('1', false, 'ServiceUnavailable')] } : {},
      );
      const items = messages(4, (i) => ({ groupId: i === 3 ? 'h' : 'g', deduplicationId: `d${i}` }));

      const result = await sendMessages(FIFO_QUEUE, items, { client: sqs.client, maxAttempts: 2, ...noWait });

      expect(sqs.batches.map((b) => b.map((e) => e.Id))).toEqual([['0', '3'], ['1'], ['1']]);
      expect(result.sent.map((s) => s.index)).toEqual([0, 3]);
      expect(result.failed.map((f) => [f.index, f.code, f.attempts, f.senderFault])).toEqual([
        [1, 'ServiceUnavailable', 2, false],
        [2, 'PrecedingMessageFailed', 0, false],
      ]);
    });

    it('requires a groupId', async () => {
      const sqs = fakeSqs();

      await expect(
        sendMessages(FIFO_QUEUE, [{ body: 'x', groupId: 'g' }, { body: 'y' }], { client: sqs.client }),
      ).rejects.toThrow(
        'Message #1: groupId is required on a FIFO queue (it names the group whose order SQS keeps)',
      );
      expect(sqs.client.send).not.toHaveBeenCalled();
    });

    it('refuses a per-message delay', async () => {
      await expect(
        sendMessages(FIFO_QUEUE, [{ body: 'x', groupId: 'g', delaySeconds: 5 }], {
          client: fakeSqs().client,
        }),
      ).rejects.toThrow(/delaySeconds is not allowed per message on a FIFO queue/);
    });

    it('refuses a deduplicationId on a standard queue', async () => {
      await expect(
        sendMessages(QUEUE, [{ body: 'x', deduplicationId: 'd' }], { client: fakeSqs().client }),
      ).rejects.toThrow(/deduplicationId is only for FIFO queues/);
    });

    it.each([
      ['groupId', ''],
      ['groupId', 'g'.repeat(129)],
      ['deduplicationId', 'd'.repeat(129)],
    ])('refuses %s of length %#', async (field, value) => {
      await expect(
        sendMessages(FIFO_QUEUE, [{ body: 'x', groupId: 'g', [field]: value }], { client: fakeSqs().client }),
      ).rejects.toThrow(
        field === 'groupId' && value === '' ? /groupId is required/ : /must be a string of 1-128 characters/,
      );
    });
  });

  describe('correlation ID', () => {
    it('adds the correlation ID of the current invocation to every message', async () => {
      correlationId.mockReturnValue('req-123');
      const sqs = fakeSqs();

      await sendMessages(QUEUE, messages(2), { client: sqs.client });

      expect(sqs.batches[0]?.map((e) => e.MessageAttributes)).toEqual([
        { correlationId: { DataType: 'String', StringValue: 'req-123' } },
        { correlationId: { DataType: 'String', StringValue: 'req-123' } },
      ]);
    });

    it("prefers a message's own correlation ID, then the option", async () => {
      correlationId.mockReturnValue('from-context');
      const sqs = fakeSqs();

      await sendMessages(QUEUE, [{ body: 'a', correlationId: 'own' }, { body: 'b' }], {
        client: sqs.client,
        correlationId: 'from-option',
      });

      expect(sqs.batches[0]?.map((e) => e.MessageAttributes?.correlationId?.StringValue)).toEqual([
        'own',
        'from-option',
      ]);
    });

    it('keeps a correlationId attribute set by hand', async () => {
      correlationId.mockReturnValue('from-context');
      const sqs = fakeSqs();

      await sendMessages(QUEUE, [{ body: 'a', attributes: { correlationId: 'by-hand' } }], {
        client: sqs.client,
      });

      expect(sqs.batches[0]?.[0]?.MessageAttributes?.correlationId?.StringValue).toBe('by-hand');
    });

    it('adds no attribute outside an invocation', async () => {
      const sqs = fakeSqs();

      await sendMessages(QUEUE, messages(1), { client: sqs.client });

      expect(sqs.batches[0]?.[0]?.MessageAttributes).toBeUndefined();
    });
  });

  describe('attributes', () => {
    it('maps strings, numbers, bytes and raw SQS values', async () => {
      const sqs = fakeSqs();
      const bytes = new Uint8Array([1, 2, 3]);

      await sendMessages(
        QUEUE,
        [
          {
            body: 'x',
            attributes: {
              type: 'order.created',
              version: 2,
              sig: bytes,
              raw: { DataType: 'Number.int', StringValue: '7' },
            },
          },
        ],
        { client: sqs.client },
      );

      expect(sqs.batches[0]?.[0]?.MessageAttributes).toEqual({
        type: { DataType: 'String', StringValue: 'order.created' },
        version: { DataType: 'Number', StringValue: '2' },
        sig: { DataType: 'Binary', BinaryValue: bytes },
        raw: { DataType: 'Number.int', StringValue: '7' },
      });
    });

    it.each([
      ['a name with a space', { 'bad name': 'x' }, /attribute name "bad name" is not allowed/],
      ['a reserved name', { 'AWS.trace': 'x' }, /attribute name "AWS.trace" is not allowed/],
      ['a name ending in a dot', { 'trailing.': 'x' }, /attribute name "trailing." is not allowed/],
      ['an empty string', { empty: '' }, /attribute "empty" is empty/],
      ['a number that is not finite', { n: Number.NaN }, /attribute "n" is NaN; SQS numbers must be finite/],
      [
        'a value of another type',
        { flag: true },
        /attribute "flag" must be a string, a number, a Uint8Array/,
      ],
    ])('refuses %s', async (_case, attributes, message) => {
      const sqs = fakeSqs();

      await expect(
        sendMessages(QUEUE, [{ body: 'x', attributes: attributes as QueueMessage['attributes'] }], {
          client: sqs.client,
        }),
      ).rejects.toThrow(message);
      expect(sqs.client.send).not.toHaveBeenCalled();
    });

    it('refuses more than 10 attributes, counting the correlation ID', async () => {
      correlationId.mockReturnValue('req-1');
      const attributes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a${i}`, 'v']));

      await expect(
        sendMessages(QUEUE, [{ body: 'x', attributes }], { client: fakeSqs().client }),
      ).rejects.toThrow(
        'Message #0: 11 message attributes (including "correlationId" when set) is over the SQS limit of 10; move some into the body',
      );
    });
  });

  describe('bad input', () => {
    it.each([
      ['a missing body', { body: undefined }, 'Message #0: body is missing'],
      ['an empty body', { body: '' }, 'Message #0: body is empty; SQS needs at least one character'],
      ['a body of BigInt', { body: { n: 1n } }, /Message #0: body cannot be serialised to JSON \(.*BigInt/],
      [
        'a body that serialises to nothing',
        { body: (() => 1) as unknown as object },
        /body of type function cannot be serialised/,
      ],
      ['an empty id', { id: '', body: 'x' }, 'Message #0: id must be a non-empty string'],
      [
        'a negative delay',
        { body: 'x', delaySeconds: -1 },
        /delaySeconds -1 is out of range; use a whole number from 0 to 900/,
      ],
      ['a delay over 15 minutes', { body: 'x', delaySeconds: 901 }, /delaySeconds 901 is out of range/],
      ['a fractional delay', { body: 'x', delaySeconds: 1.5 }, /delaySeconds 1.5 is out of range/],
    ])('refuses %s before any call', async (_case, item, message) => {
      const sqs = fakeSqs();

      await expect(sendMessages(QUEUE, [item as QueueMessage], { client: sqs.client })).rejects.toThrow(
        message,
      );
      expect(sqs.client.send).not.toHaveBeenCalled();
    });

    it('refuses an item that is not an object', async () => {
      await expect(
        sendMessages(QUEUE, ['text' as unknown as QueueMessage], { client: fakeSqs().client }),
      ).rejects.toThrow('Message #0: expected an object like { body: ... }');
    });

    it('refuses a circular body', async () => {
      const body: Record<string, unknown> = {};
      body.self = body;

      const error = await sendMessages(QUEUE, [{ id: 'loop', body }], { client: fakeSqs().client }).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(InvalidMessageError);
      expect((error as Error).message).toMatch(/^Message "loop" \(#0\): body cannot be serialised to JSON/);
      expect((error as Error).cause).toBeInstanceOf(TypeError);
    });

    it.each([
      '',
      'orders',
      'sqs.eu-west-1.amazonaws.com/123/orders',
      'https://host-only',
      'ftp://host/orders',
      ' https://host/orders',
      'https://host/orders x',
    ])('refuses the queue URL %p', async (url) => {
      await expect(sendMessages(url, messages(1), { client: fakeSqs().client })).rejects.toThrow(
        QueueOptionsError,
      );
      await expect(sendMessages(url, messages(1), { client: fakeSqs().client })).rejects.toThrow(
        /is not a queue URL/,
      );
    });

    it('says what a queue URL looks like', async () => {
      await expect(sendMessages('orders', messages(1), { client: fakeSqs().client })).rejects.toThrow(
        '"orders" is not a queue URL; expected e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/orders ' +
          '(pass the URL from the stack, e.g. an environment variable).',
      );
    });

    it('accepts a local http endpoint', async () => {
      const sqs = fakeSqs();

      await sendMessages('http://127.0.0.1:4566/000000000000/orders', messages(1), { client: sqs.client });

      expect(sqs.batches).toHaveLength(1);
    });

    it('refuses items that are not an array', async () => {
      await expect(
        sendMessages(QUEUE, { body: 'x' } as unknown as QueueMessage[], { client: fakeSqs().client }),
      ).rejects.toThrow('items must be an array of messages, e.g. [{ body: {...} }].');
    });

    it.each([
      ['maxAttempts', 0, 'Option maxAttempts is 0; expected a whole number from 1 to 20.'],
      ['concurrency', 1.5, 'Option concurrency is 1.5; expected a whole number from 1 to 100.'],
      ['maxBytes', 2_000_000, 'Option maxBytes is 2000000; expected a whole number from 1024 to 1048576.'],
      ['baseDelayMs', -1, 'Option baseDelayMs is -1; expected a whole number from 0 to 60000.'],
      ['maxDelayMs', 300_001, 'Option maxDelayMs is 300001; expected a whole number from 0 to 300000.'],
    ])('refuses the option %s = %p', async (option, value, message) => {
      await expect(
        sendMessages(QUEUE, messages(1), { client: fakeSqs().client, [option]: value }),
      ).rejects.toThrow(message);
    });
  });
  describe('results and defaults', () => {
    it('lists the failed messages in the order of the items, whatever the order they failed in', async () => {
      // 5 is refused on the first call; 2 fails on the SQS side on both attempts, so it is given up later.
      const sqs = fakeSqs((_entries, call) => ({
        Failed: call === 1 ? [failEntry('5', true), failEntry('2', false)] : [failEntry('2', false)],
      }));

      const result = await sendMessages(QUEUE, messages(6), {
        client: sqs.client,
        maxAttempts: 2,
        ...noWait,
      });

      expect(result.failed.map((f) => [f.index, f.attempts])).toEqual([
        [2, 2],
        [5, 1],
      ]);
    });

    it('waits with the default sleep between attempts', async () => {
      const sqs = fakeSqs((_entries, call) => (call === 1 ? { Failed: [failEntry('0', false)] } : {}));

      const result = await sendMessages(QUEUE, messages(1), { client: sqs.client, baseDelayMs: 0 });

      expect(sqs.client.send).toHaveBeenCalledTimes(2);
      expect(result.sent).toEqual([{ id: '0', index: 0, messageId: 'mid-0' }]);
    });

    it('warns on the console by default', async () => {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      const sqs = fakeSqs(() => ({ Failed: [failEntry('0', true, 'InvalidParameterValue')] }));

      await sendMessages(QUEUE, messages(1), { client: sqs.client });

      expect(warn.mock.calls).toEqual([
        [
          '{"level":"WARN","message":"SQS messages not sent","queueUrl":"https://sqs.eu-west-1.amazonaws.com/123456789012/orders",' +
            '"sent":0,"failed":1,"codes":{"InvalidParameterValue":1},"ids":["0"]}',
        ],
      ]);
      warn.mockRestore();
    });

    it('refuses a queue URL that is not a string, even one that prints as a URL', async () => {
      const url = { toString: () => QUEUE } as unknown as string;

      await expect(sendMessages(url, messages(1), { client: fakeSqs().client })).rejects.toThrow(
        new QueueOptionsError(
          '{} is not a queue URL; expected e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/orders ' +
            '(pass the URL from the stack, e.g. an environment variable).',
        ),
      );
    });
  });
});
