import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { EventBridgeEvent } from 'aws-lambda';
import {
  buildSqsEvent,
  captureLogs,
  createLambdaContext,
  eventBridgeEvent,
  type LogCapture,
} from '@platform/test-helpers';
import { SALES_TABLE_KEYS } from '../../src/salesTableKeys';
import { handler as publishDailyReport } from '../../src/handlers/publish-daily-report';
import { handler as recordSale } from '../../src/handlers/record-sale';
import { aSale } from '../support/sales';

/**
 * record-sale and publish-daily-report, unchanged, against DynamoDB (dynalite) and SQS (fauxqs) on
 * 127.0.0.1 (globalSetup.mjs; setup.ts points the SDK at them and nowhere else).
 */
const local = { region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const dynamodb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ ...local, endpoint: process.env.REPORTS_IT_DYNAMODB_ENDPOINT }),
);
const sqs = new SQSClient({ ...local, endpoint: process.env.REPORTS_IT_SQS_ENDPOINT });
const context = createLambdaContext();
let queueUrl: string;

/** EventBridge Scheduler's event for a schedule without input (what the stack's Schedule sends). */
function scheduledAt(time: string): EventBridgeEvent<string, unknown> {
  return { ...eventBridgeEvent(), source: 'aws.scheduler', time, detail: '{}' };
}

/** Receives what is on the queue now, and deletes it (a FIFO group stays locked while a message is in flight). */
async function drainQueue(): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
    }),
  );
  for (const m of Messages) {
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
  }
  return Messages;
}

beforeAll(async () => {
  // The table as stacks/reports creates it: same keys (dynalite ignores billing and TTL settings).
  await dynamodb.send(
    new CreateTableCommand({
      TableName: 'reports-it-sales',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: SALES_TABLE_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: SALES_TABLE_KEYS.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: SALES_TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: SALES_TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
  ({ QueueUrl: queueUrl = '' } = await sqs.send(
    new CreateQueueCommand({ QueueName: 'reports-it-daily-reports.fifo', Attributes: { FifoQueue: 'true' } }),
  ));
  process.env.TABLE_NAME = 'reports-it-sales';
  process.env.DAILY_REPORTS_QUEUE_URL = queueUrl;
});
afterAll(() => {
  dynamodb.destroy();
  sqs.destroy();
});

describe('reports on local DynamoDB and SQS', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('records a batch of sales once each, then publishes exactly one report of the day, once', async () => {
    const a = aSale({ currency: 'EUR', totalCents: 3000, lines: [{ sku: 'MUG-RED', quantity: 2 }] });
    const b = aSale({
      currency: 'EUR',
      totalCents: 1999,
      lines: [
        { sku: 'CAP-01', quantity: 1 },
        { sku: 'MUG-RED', quantity: 1 },
      ],
    });
    const c = aSale({ currency: 'USD', totalCents: 1250, lines: [{ sku: 'TSHIRT-M', quantity: 3 }] });
    const nextDay = aSale({ occurredAt: '2026-03-01T23:30:00-02:00' }); // 01:30 UTC on March 2
    const first = await recordSale(
      buildSqsEvent([
        { messageId: 'a', body: a },
        { messageId: 'b', body: b },
        { messageId: 'c', body: c },
        { messageId: 'a-again', body: a }, // the same event, sent twice by its producer
        { messageId: 'next-day', body: nextDay },
        { messageId: 'not-json', body: '{"eventId": "x",' },
        { messageId: 'not-a-sale', body: { ...aSale(), currency: 'euro' } },
      ]),
      context,
    );
    expect(first.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['not-a-sale', 'not-json']);
    // SQS redelivers b (at least once): not counted again.
    const second = await recordSale(buildSqsEvent([{ messageId: 'b', body: b, receiveCount: 2 }]), context);
    expect(second.batchItemFailures).toEqual([]);

    const run = await publishDailyReport(scheduledAt('2026-03-02T00:15:00Z'), context);
    expect(run).toMatchObject({ status: 'success', data: { date: '2026-03-01', published: true } });

    const messages = await drainQueue();
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.Body!)).toEqual({
      type: 'reports.daily-sales',
      version: 1,
      date: '2026-03-01',
      orders: 3,
      revenue: [
        { currency: 'EUR', orders: 2, revenueCents: 4999, averageOrderValueCents: 2500 },
        { currency: 'USD', orders: 1, revenueCents: 1250, averageOrderValueCents: 1250 },
      ],
      topSkus: [
        { sku: 'MUG-RED', units: 3 },
        { sku: 'TSHIRT-M', units: 3 },
        { sku: 'CAP-01', units: 1 },
      ],
    });
    expect(messages[0]!.MessageAttributes?.type?.StringValue).toBe('reports.daily-sales');
    expect(messages[0]!.Attributes?.MessageDeduplicationId).toBe('reports.daily-sales-2026-03-01');

    // The scheduler or Lambda delivers the same run again: nothing new is published.
    const again = await publishDailyReport(scheduledAt('2026-03-02T00:15:00Z'), context);
    expect(again).toMatchObject({ status: 'success', data: { date: '2026-03-01', published: false } });
    expect(logs.withMessage('Daily report already published: nothing to do')).toHaveLength(1);
    expect(await drainQueue()).toEqual([]);
  });

  it('adds up a day spread over several counter items, each sale once', async () => {
    const sales = Array.from({ length: 40 }, (_, i) =>
      aSale({
        occurredAt: '2026-03-05T12:00:00Z',
        totalCents: 100 + i,
        lines: [{ sku: 'MUG-RED', quantity: 1 }],
      }),
    );
    // Batches of 10 at once, as concurrent invocations would; then every sale delivered once more.
    const batches = [0, 10, 20, 30].map((start) =>
      buildSqsEvent(sales.slice(start, start + 10).map((body) => ({ body }))),
    );
    const deliver = async () => {
      const results = await Promise.all(batches.map((batch) => recordSale(batch, context)));
      return results.flatMap((r) => r.batchItemFailures);
    };
    expect(await deliver()).toEqual([]);
    expect(await deliver()).toEqual([]);
    expect(logs.withMessage('Sale recorded')).toHaveLength(40);
    expect(logs.withMessage('Sale already recorded: not counted again')).toHaveLength(40);

    const { Items = [] } = await dynamodb.send(
      new QueryCommand({
        TableName: 'reports-it-sales',
        KeyConditionExpression: '#day = :day',
        ExpressionAttributeNames: { '#day': SALES_TABLE_KEYS.partitionKey },
        ExpressionAttributeValues: { ':day': '2026-03-05' },
      }),
    );
    expect(Items.length).toBeGreaterThan(1);

    await publishDailyReport(scheduledAt('2026-03-06T00:15:00Z'), context);
    const [message, ...others] = await drainQueue();
    expect(others).toEqual([]);
    expect(JSON.parse(message!.Body!)).toMatchObject({
      date: '2026-03-05',
      orders: 40,
      // 100 + 101 + ... + 139
      revenue: [{ currency: 'EUR', orders: 40, revenueCents: 4780, averageOrderValueCents: 120 }],
      topSkus: [{ sku: 'MUG-RED', units: 40 }],
    });
  });

  it('publishes a report of zeros for a day without sales', async () => {
    await expect(publishDailyReport(scheduledAt('2026-02-11T00:15:00Z'), context)).resolves.toMatchObject({
      status: 'success',
      data: { date: '2026-02-10', published: true },
    });
    const [message] = await drainQueue();
    expect(JSON.parse(message!.Body!)).toMatchObject({
      date: '2026-02-10',
      orders: 0,
      revenue: [],
      topSkus: [],
    });
  });
});
