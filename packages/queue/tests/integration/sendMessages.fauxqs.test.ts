import {
  CreateQueueCommand,
  type BatchResultErrorEntry,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
  type SendMessageBatchCommandInput,
  type SendMessageBatchCommandOutput,
} from '@aws-sdk/client-sqs';
import { runWithCorrelationId } from '@platform/logging';
import { getSqsClient, MessageTooLargeError, resetSqsClients, sendMessages } from '../../src';

/**
 * sendMessages against a real SQS server (fauxqs) on 127.0.0.1, started by globalSetup.mjs.
 * Nothing here talks to any other host: every client gets the loopback endpoint and fake credentials.
 */
const endpoint = process.env.QUEUE_TEST_SQS_ENDPOINT as string;
const clientConfig = {
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
const DEADLINE_MS = 20_000;

let admin: SQSClient;
let queueNumber = 0;

beforeAll(() => {
  if (!endpoint?.startsWith('http://127.0.0.1:'))
    throw new Error('globalSetup did not start the local SQS server');
  admin = new SQSClient(clientConfig);
});
afterAll(() => admin.destroy());

async function createQueue(fifo = false): Promise<string> {
  const name = `queue-test-${process.pid}-${++queueNumber}${fifo ? '.fifo' : ''}`;
  const { QueueUrl } = await admin.send(
    new CreateQueueCommand({ QueueName: name, Attributes: fifo ? { FifoQueue: 'true' } : {} }),
  );
  return QueueUrl as string;
}

/** Receives until `expected` messages arrived or the deadline passed; each is kept invisible, so none comes twice. */
async function receiveAll(queueUrl: string, expected: number, waitMs = DEADLINE_MS): Promise<Message[]> {
  const received: Message[] = [];
  const deadline = Date.now() + waitMs;
  while (received.length < expected && Date.now() < deadline) {
    const { Messages = [] } = await admin.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 600,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['MessageGroupId', 'SequenceNumber'],
      }),
    );
    received.push(...Messages);
    if (Messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return received;
}

/** How SQS answers an entry: accepted (undefined), or in `Failed` with this fault and code. */
type Fate = { senderFault: boolean; code: string } | undefined;

/**
 * A real client with a middleware that fails chosen entries as SQS does (`Failed` entries, the
 * others of the call accepted), and makes the third call fail as a whole with a server error.
 * `fate` gets the entry's body and how many times it was sent before.
 */
function clientWithEntryFailures(fate: (body: string, earlierSends: number) => Fate) {
  const client = new SQSClient(clientConfig);
  const sends = new Map<string, number>();
  const stats = { injectedEntries: 0, injectedCalls: 0, calls: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'SendMessageBatchCommand') return next(args);
      stats.calls++;
      if (stats.calls === 3) {
        stats.injectedCalls++;
        throw Object.assign(new Error('We encountered an internal error. Please try again.'), {
          name: 'InternalError',
          $fault: 'server',
          $metadata: {},
        });
      }
      const input = args.input as SendMessageBatchCommandInput;
      const entries = input.Entries ?? [];
      const failing: BatchResultErrorEntry[] = [];
      const passing = entries.filter((e) => {
        const body = e.MessageBody ?? '';
        const earlier = sends.get(body) ?? 0;
        sends.set(body, earlier + 1);
        const failure = fate(body, earlier);
        if (failure)
          failing.push({
            Id: e.Id ?? '',
            SenderFault: failure.senderFault,
            Code: failure.code,
            Message: 'injected',
          });
        return !failure;
      });
      stats.injectedEntries += failing.length;
      const result =
        passing.length > 0
          ? await next({ ...args, input: { ...input, Entries: passing } })
          : { output: { Successful: [], Failed: [], $metadata: {} }, response: {} };
      const output = result.output as SendMessageBatchCommandOutput;
      output.Failed = [...(output.Failed ?? []), ...failing];
      return result;
    },
    { step: 'initialize', name: 'injectPartialBatchFailures' },
  );
  return { client, stats };
}

/** Fails the chosen entries on their first send only, with SenderFault false (SQS's own failure). */
function clientWithInjectedFailures(shouldFail: (body: string) => boolean) {
  return clientWithEntryFailures((body, earlierSends) =>
    earlierSends === 0 && shouldFail(body) ? { senderFault: false, code: 'InternalError' } : undefined,
  );
}

describe('sendMessages against SQS on 127.0.0.1 (fauxqs)', () => {
  it('delivers exactly 1,000 distinct messages through partial batch failures', async () => {
    // Prepare: every 7th message fails on its first send, and the third call fails as a whole
    const queueUrl = await createQueue();
    const { client, stats } = clientWithInjectedFailures(
      (body) => (JSON.parse(body) as { n: number }).n % 7 === 0,
    );
    const items = Array.from({ length: 1_000 }, (_, n) => ({
      id: `msg-${n}`,
      body: { n, padding: 'x'.repeat(n % 50) },
    }));

    // Act
    const result = await sendMessages(queueUrl, items, { client, baseDelayMs: 5, correlationId: 'bulk-1' });
    const received = await receiveAll(queueUrl, 1_000);
    const extra = await receiveAll(queueUrl, 1, 300); // anything beyond 1,000 would be a duplicate

    // Assess
    expect(stats.injectedEntries).toBeGreaterThanOrEqual(143);
    expect(stats.injectedCalls).toBe(1);
    expect(result.failed).toEqual([]);
    expect(result.sent).toHaveLength(1_000);
    expect(new Set(result.sent.map((s) => s.messageId)).size).toBe(1_000);
    expect(received).toHaveLength(1_000);
    expect(extra).toHaveLength(0);
    const numbers = new Set(received.map((m) => (JSON.parse(m.Body ?? '{}') as { n: number }).n));
    expect(numbers.size).toBe(1_000);
    expect(Math.min(...numbers)).toBe(0);
    expect(Math.max(...numbers)).toBe(999);
    expect(new Set(received.map((m) => m.MessageAttributes?.correlationId?.StringValue))).toEqual(
      new Set(['bulk-1']),
    );
    client.destroy();
  }, 30_000);

  it('keeps the order of each group on a FIFO queue', async () => {
    const queueUrl = await createQueue(true);
    const client = new SQSClient(clientConfig);
    const items = fifoItems(60);

    const result = await sendMessages(queueUrl, items, { client });
    const received = await receiveAllFifo(queueUrl, 60);

    expect(result.failed).toEqual([]);
    expect(result.sent.every((s) => typeof s.sequenceNumber === 'string')).toBe(true);
    expect(received).toHaveLength(60);
    for (const group of ['order-0', 'order-1', 'order-2']) {
      const seqs = received
        .filter((m) => m.Attributes?.MessageGroupId === group)
        .map((m) => (JSON.parse(m.Body ?? '{}') as { seq: number }).seq);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }
    client.destroy();
  });

  it('delivers every FIFO message exactly once, each group in order, through partial batch failures', async () => {
    // Prepare: messages 2, 7, 12... of each group fail on their first send, and the third call fails
    const queueUrl = await createQueue(true);
    const { client, stats } = clientWithInjectedFailures((body) => seqOf(body) % 5 === 2);

    // Act
    const result = await sendMessages(queueUrl, fifoItems(60), { client, baseDelayMs: 1 });
    const received = await receiveAllFifo(queueUrl, 60);
    const extra = await receiveAllFifo(queueUrl, 1, 300);

    // Assess
    expect(stats.injectedEntries).toBe(12);
    expect(stats.injectedCalls).toBe(1);
    expect(result.failed).toEqual([]);
    expect(extra).toHaveLength(0);
    const all = Array.from({ length: 20 }, (_, i) => i);
    expect(seqsByGroup(received)).toEqual({ 'order-0': all, 'order-1': all, 'order-2': all });
  });

  it('stops a FIFO group at its first unsent message and reports that message and all later ones', async () => {
    // Prepare: order-1 #4 always fails on the SQS side; order-2 #7 is refused as the sender's fault
    const queueUrl = await createQueue(true);
    const { client } = clientWithEntryFailures((body) => {
      const { group, seq } = JSON.parse(body) as { group: string; seq: number };
      if (group === 'order-1' && seq === 4) return { senderFault: false, code: 'InternalError' };
      if (group === 'order-2' && seq === 7) return { senderFault: true, code: 'InvalidParameterValue' };
      return undefined;
    });
    const items = fifoItems(60);

    // Act
    const result = await sendMessages(queueUrl, items, {
      client,
      baseDelayMs: 1,
      logger: { warn: jest.fn() },
    });
    const received = await receiveAllFifo(queueUrl, 31);
    const extra = await receiveAllFifo(queueUrl, 1, 300);

    // Assess
    expect(extra).toHaveLength(0);
    expect(seqsByGroup(received)).toEqual({
      'order-0': Array.from({ length: 20 }, (_, i) => i),
      'order-1': [0, 1, 2, 3],
      'order-2': [0, 1, 2, 3, 4, 5, 6],
    });
    const failedOf = (group: string) =>
      result.failed
        .filter((f) => f.item.groupId === group)
        .map((f) => `${f.item.body.seq} ${f.code} ${f.attempts}`);
    const preceding = (from: number) =>
      Array.from({ length: 20 - from }, (_, i) => `${from + i} PrecedingMessageFailed 0`);
    expect(failedOf('order-0')).toEqual([]);
    expect(failedOf('order-1')).toEqual(['4 InternalError 3', ...preceding(5)]);
    expect(failedOf('order-2')).toEqual(['7 InvalidParameterValue 1', ...preceding(8)]);
    // Nothing lost silently: every message arrived or is in `failed`, never both.
    expect(result.sent.length + result.failed.length).toBe(60);
    expect(received.length + result.failed.length).toBe(60);
  });

  it('keeps every FIFO group a prefix in order, with the rest reported, under random entry failures', async () => {
    // Prepare: each send of each entry fails with probability 0.3 (seeded), two attempts per message
    const queueUrl = await createQueue(true);
    const random = seededRandom(20);
    const { client, stats } = clientWithEntryFailures(() =>
      random() < 0.3 ? { senderFault: false, code: 'ServiceUnavailable' } : undefined,
    );
    const groups = ['g0', 'g1', 'g2', 'g3', 'g4'];
    const items = Array.from({ length: 150 }, (_, i) => ({
      body: { group: groups[i % 5] as string, seq: Math.floor(i / 5) },
      groupId: groups[i % 5] as string,
      deduplicationId: `dedup-${i}`,
    }));

    // Act
    const result = await sendMessages(queueUrl, items, {
      client,
      maxAttempts: 2,
      baseDelayMs: 1,
      logger: { warn: jest.fn() },
    });
    const received = await receiveAllFifo(queueUrl, result.sent.length);
    const extra = await receiveAllFifo(queueUrl, 1, 300);

    // Assess
    expect(stats.injectedEntries).toBeGreaterThan(10);
    expect(extra).toHaveLength(0);
    const arrived = seqsByGroup(received);
    for (const group of groups) {
      const got = arrived[group] ?? [];
      const notSent = result.failed.filter((f) => f.item.groupId === group).map((f) => f.item.body.seq);
      // What arrived is the group's first messages in order; everything after is in `failed`.
      expect(got).toEqual(Array.from({ length: got.length }, (_, i) => i));
      expect(notSent).toEqual(Array.from({ length: 30 - got.length }, (_, i) => got.length + i));
    }
    expect(result.failed.some((f) => f.code === 'PrecedingMessageFailed')).toBe(true);
    expect(received).toHaveLength(result.sent.length);
  });

  it('carries the correlation ID of the current invocation', async () => {
    const queueUrl = await createQueue();
    const client = new SQSClient(clientConfig);

    await runWithCorrelationId('req-7f3a', () =>
      sendMessages(queueUrl, [{ body: 'a' }, { body: 'b' }], { client }),
    );
    const received = await receiveAll(queueUrl, 2);

    expect(received.map((m) => m.MessageAttributes?.correlationId)).toEqual([
      { DataType: 'String', StringValue: 'req-7f3a' },
      { DataType: 'String', StringValue: 'req-7f3a' },
    ]);
    client.destroy();
  });

  it("carries a message's own correlation ID and its attributes", async () => {
    const queueUrl = await createQueue();
    const client = new SQSClient(clientConfig);

    await sendMessages(
      queueUrl,
      [{ body: 'hello', correlationId: 'corr-42', attributes: { type: 'greeting', version: 3 } }],
      { client },
    );
    const [message] = await receiveAll(queueUrl, 1);

    expect(message?.Body).toBe('hello');
    expect(message?.MessageAttributes).toMatchObject({
      correlationId: { DataType: 'String', StringValue: 'corr-42' },
      type: { DataType: 'String', StringValue: 'greeting' },
      version: { DataType: 'Number', StringValue: '3' },
    });
    client.destroy();
  });

  it('uses the shared client with the endpoint option', async () => {
    const queueUrl = await createQueue();
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    try {
      const result = await sendMessages(queueUrl, [{ body: 'via shared client' }], {
        endpoint,
        region: 'eu-west-1',
      });
      const shared = await getSqsClient({ endpoint, region: 'eu-west-1' });

      expect(result.sent).toHaveLength(1);
      expect((await receiveAll(queueUrl, 1))[0]?.Body).toBe('via shared client');
      expect(await getSqsClient({ endpoint, region: 'eu-west-1' })).toBe(shared);

      // The SDK's own setting for local servers: no option needed. (The SDK warns that fauxqs's
      // queue URL host is not a valid endpoint, and uses AWS_ENDPOINT_URL_SQS.)
      process.env.AWS_ENDPOINT_URL_SQS = endpoint;
      const sdkWarning = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      const viaEnv = await sendMessages(queueUrl, [{ body: 'via AWS_ENDPOINT_URL_SQS' }], {
        region: 'eu-west-1',
      });
      sdkWarning.mockRestore();
      expect(viaEnv.failed).toEqual([]);
      expect((await receiveAll(queueUrl, 1))[0]?.Body).toBe('via AWS_ENDPOINT_URL_SQS');
    } finally {
      await resetSqsClients();
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.AWS_ENDPOINT_URL_SQS;
    }
  });

  it('reports, without retrying, messages sent to a queue that does not exist', async () => {
    const client = new SQSClient(clientConfig);
    const missing = `${endpoint}/000000000000/no-such-queue-${process.pid}`;

    const result = await sendMessages(missing, [{ body: 'a' }, { body: 'b' }], {
      client,
      logger: { warn: jest.fn() },
    });

    expect(result.sent).toEqual([]);
    expect(result.failed.map((f) => [f.index, f.senderFault, f.attempts])).toEqual([
      [0, true, 1],
      [1, true, 1],
    ]);
    expect(result.failed[0]?.code).toMatch(/NonExistentQueue|QueueDoesNotExist/);
    client.destroy();
  });

  it('refuses an oversized message before sending anything', async () => {
    const queueUrl = await createQueue();
    const client = new SQSClient(clientConfig);

    await expect(
      sendMessages(queueUrl, [{ body: 'fits' }, { id: 'huge', body: 'x'.repeat(300_000) }], { client }),
    ).rejects.toThrow(MessageTooLargeError);
    const { Messages = [] } = await admin.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0 }),
    );
    expect(Messages).toEqual([]);
    client.destroy();
  });
});

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function seqOf(body: string): number {
  return (JSON.parse(body) as { seq: number }).seq;
}

/** The `seq` of each received message, per group, in the order they arrived. */
function seqsByGroup(received: readonly Message[]): Record<string, number[]> {
  const groups: Record<string, number[]> = {};
  for (const m of received) {
    const group = m.Attributes?.MessageGroupId ?? '?';
    (groups[group] ??= []).push(seqOf(m.Body ?? '{}'));
  }
  return groups;
}

function fifoItems(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    body: { group: `order-${i % 3}`, seq: Math.floor(i / 3) },
    groupId: `order-${i % 3}`,
    deduplicationId: `dedup-${i}`,
  }));
}

/** FIFO: a group's next message is only visible after the previous one is deleted, so receive and delete in turn. */
async function receiveAllFifo(queueUrl: string, expected: number, waitMs = DEADLINE_MS): Promise<Message[]> {
  const received: Message[] = [];
  const deadline = Date.now() + waitMs;
  while (received.length < expected && Date.now() < deadline) {
    const { Messages = [] } = await admin.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['MessageGroupId', 'SequenceNumber'],
      }),
    );
    for (const message of Messages) {
      received.push(message);
      await admin.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
    }
    if (Messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return received;
}
