import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { captureLogs, createLambdaContext, type LogCapture } from '@platform/test-helpers';
import { z } from 'zod';
import { sqsHandler } from '../../src/sqsHandler';

// A real SQS server on 127.0.0.1 (tests/integration/globalSetup.mjs): the wrapper's batchItemFailures drive
// real redelivery, receive counts and the redrive to the DLQ.
const endpoint = process.env.LAMBDA_IT_SQS_ENDPOINT;
const REGION = 'eu-west-1';
const MAX_RECEIVE_COUNT = 2;
const DRAIN_TIMEOUT_MS = 30_000;
const VISIBILITY_TIMEOUT_S = 300;

jest.setTimeout(60_000);

describe('Integration: sqsHandler on a real SQS queue with a DLQ', () => {
  let sqs: SQSClient;
  let logs: LogCapture;

  beforeAll(() => {
    if (!endpoint?.startsWith('http://127.0.0.1:')) {
      throw new Error(
        'LAMBDA_IT_SQS_ENDPOINT is not set: run through packages/lambda/jest.config.js (globalSetup).',
      );
    }
    sqs = new SQSClient({
      endpoint,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // Never follow a queue URL's host: every request goes to the loopback endpoint.
      useQueueUrlAsEndpoint: false,
      maxAttempts: 1,
    });
  });
  afterAll(() => sqs.destroy());
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('processes good messages exactly once and moves the failing ones to the DLQ after maxReceiveCount', async () => {
    // Prepare: a queue redriving to a DLQ after MAX_RECEIVE_COUNT receives. The visibility timeout
    // is long, so a stall on a loaded machine never makes a message visible again mid-round (that
    // would be handled twice); the loop below makes failed records visible again at once instead.
    const suffix = randomUUID().slice(0, 8);
    const dlq = await createQueue(`orders-dlq-${suffix}`);
    const queue = await createQueue(`orders-${suffix}`, {
      VisibilityTimeout: String(VISIBILITY_TIMEOUT_S),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: dlq.arn,
        maxReceiveCount: String(MAX_RECEIVE_COUNT),
      }),
    });
    const numbers = Array.from({ length: 20 }, (_, i) => i + 1);
    const failing = new Set(numbers.filter((n) => n % 5 === 0)); // 5, 10, 15, 20 make the domain throw
    const bodies = [...numbers.map((n) => JSON.stringify({ n, fail: failing.has(n) })), 'not json'];
    await send(queue.url, bodies);

    const attempts = new Map<number, { receiveCount: number | undefined; correlationId: string }[]>();
    const processed: number[] = [];
    const handler = sqsHandler({
      schema: z.object({ n: z.number().int(), fail: z.boolean() }),
      handle: async ({ n, fail }, { receiveCount, correlationId }) => {
        attempts.set(n, [...(attempts.get(n) ?? []), { receiveCount, correlationId }]);
        if (fail) throw new Error(`order ${n} cannot be processed`);
        processed.push(n);
      },
    });

    // Act: the Lambda event source mapping's loop, by hand.
    const rounds = await consume(queue, async (records) => {
      const response = await handler({ Records: records }, createLambdaContext());
      return new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    });

    // Assess
    const good = numbers.filter((n) => !failing.has(n));
    expect(processed.sort((a, b) => a - b)).toEqual(good);
    for (const n of good) expect(attempts.get(n)).toHaveLength(1);
    for (const n of failing) {
      expect(attempts.get(n)!.map((attempt) => attempt.receiveCount)).toEqual([1, 2]);
    }
    for (const [n, calls] of attempts) {
      for (const call of calls) expect(call.correlationId).toBe(`c-${n}`);
    }
    const dead = await drain(dlq.url);
    expect(dead.sort()).toEqual(
      [...[...failing].map((n) => JSON.stringify({ n, fail: true })), 'not json'].sort(),
    );
    expect(processed.length + dead.length).toBe(bodies.length); // nothing lost
    expect(await depth(queue.url)).toBe(0);
    expect(rounds).toBeGreaterThan(MAX_RECEIVE_COUNT);
    // The malformed message was logged as rejected, with its messageId, on each receive.
    expect(logs.withMessage('Message rejected: Message body is not valid JSON')).toHaveLength(
      MAX_RECEIVE_COUNT,
    );
    expect(logs.withMessage('Message rejected: Message body is not valid JSON')[0]!.message_id).toEqual(
      expect.any(String),
    );
  });

  async function createQueue(name: string, attributes: Record<string, string> = {}) {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  }

  async function send(queueUrl: string, bodies: string[]) {
    for (let start = 0; start < bodies.length; start += 10) {
      const entries = bodies.slice(start, start + 10).map((body, i) => {
        const n = (JSON.parse(body.startsWith('{') ? body : '{}') as { n?: number }).n;
        return {
          Id: String(start + i),
          MessageBody: body,
          MessageAttributes:
            n === undefined ? undefined : { correlationId: { DataType: 'String', StringValue: `c-${n}` } },
        };
      });
      const { Failed } = await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
      );
      expect(Failed ?? []).toEqual([]);
    }
  }

  /**
   * Receive -> handler -> delete the records not reported as failed, and make the failed ones
   * visible again now (Lambda waits out the visibility timeout; the outcome is the same: they are
   * received again, counted, and redriven after maxReceiveCount), until the queue is empty.
   */
  async function consume(
    queue: { url: string; arn: string },
    handle: (records: SQSRecord[]) => Promise<Set<string>>,
  ) {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    let rounds = 0;
    while (Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) {
        if ((await depth(queue.url)) === 0) return rounds;
        continue;
      }
      rounds++;
      const failed = await handle(Messages.map((message) => toRecord(message, queue.arn)));
      const done = Messages.filter((message) => !failed.has(message.MessageId!));
      const retry = Messages.filter((message) => failed.has(message.MessageId!));
      if (retry.length > 0) {
        await sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queue.url,
            Entries: retry.map((message, i) => ({
              Id: String(i),
              ReceiptHandle: message.ReceiptHandle!,
              VisibilityTimeout: 0,
            })),
          }),
        );
      }
      if (done.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queue.url,
            Entries: done.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle! })),
          }),
        );
      }
    }
    throw new Error(`The queue did not drain within ${DRAIN_TIMEOUT_MS} ms (${rounds} rounds).`);
  }

  async function drain(queueUrl: string): Promise<string[]> {
    const bodies: string[] = [];
    for (let round = 0; round < 20; round++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return bodies;
      bodies.push(...Messages.map((message) => message.Body!));
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
    }
    throw new Error('The DLQ did not drain in 20 rounds.');
  }

  async function depth(queueUrl: string): Promise<number> {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
    );
  }
});

/** The record Lambda's event source mapping builds from a received message. */
function toRecord(message: Message, queueArn: string): SQSRecord {
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: message.Attributes as unknown as SQSRecordAttributes,
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, attribute]) => [
        name,
        {
          stringValue: attribute.StringValue,
          stringListValues: [],
          binaryListValues: [],
          dataType: attribute.DataType!,
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: REGION,
  };
}
