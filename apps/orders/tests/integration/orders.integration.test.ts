import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import {
  apiGatewayV2Request,
  captureLogs,
  createLambdaContext,
  type LogCapture,
} from '@platform/test-helpers';
import { getPriceList } from '../../src/adapters/priceList';
import type { OrderEvent } from '../../src/domain/events';
import { handler as createOrder } from '../../src/handlers/create-order';
import { handler as processOrders } from '../../src/handlers/process-orders';
import { startPricingStub, type PricingStub } from '../support/pricingStub';

// create-order -> a real SQS queue -> process-orders (idempotent on a real DynamoDB table) -> a real
// downstream queue. The servers run on 127.0.0.1 (globalSetup.mjs); the Lambda event source
// mapping's receive/invoke/delete loop is done by hand, so redeliveries happen when the test says.

const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const sqs = new SQSClient({
  endpoint: process.env.AWS_ENDPOINT_URL_SQS,
  region: REGION,
  credentials,
  useQueueUrlAsEndpoint: false,
});
const sns = new SNSClient({ endpoint: process.env.AWS_ENDPOINT_URL_SNS, region: REGION, credentials });
const dynamodb = new DynamoDBClient({
  endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
  region: REGION,
  credentials,
});
const TABLE = `orders-it-idempotency-${randomUUID().slice(0, 8)}`;

interface Queue {
  url: string;
  arn: string;
}

describe('Integration: orders, from POST /orders to the order-events queue', () => {
  let pricing: PricingStub;
  let orders: Queue;
  let events: Queue;
  /** Subscribed to the order.accepted stream's topic with raw delivery, as a consumer's queue is. */
  let accepted: Queue;
  let logs: LogCapture;

  beforeAll(async () => {
    pricing = await startPricingStub();
    await dynamodb.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    Object.assign(process.env, {
      PRICING_API_URL: pricing.url,
      IDEMPOTENCY_TABLE_NAME: TABLE,
    });
  });
  afterAll(async () => {
    await pricing.stop();
    sqs.destroy();
    sns.destroy();
    dynamodb.destroy();
  });
  // Fresh queues per test: the functions read the URLs from the environment on each send.
  beforeEach(async () => {
    const suffix = randomUUID().slice(0, 8);
    [orders, events, accepted] = await Promise.all([
      createQueue(`orders-${suffix}`),
      createQueue(`order-events-${suffix}`),
      createQueue(`order-accepted-${suffix}`),
    ]);
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: `orders-it-order-accepted-${suffix}` }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: accepted.arn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    process.env.ORDERS_QUEUE_URL = orders.url;
    process.env.ORDER_EVENTS_QUEUE_URL = events.url;
    process.env.STREAM_ORDER_ACCEPTED_TOPIC_ARN = TopicArn;
    pricing.respondWith(200, {
      currency: 'EUR',
      prices: [
        { sku: 'MUG-1', unitPriceCents: 1250 },
        { sku: 'TSHIRT-M-BLUE', unitPriceCents: 1999 },
      ],
    });
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('queues posted orders, processes the batch, and emits exactly one order.accepted per order', async () => {
    const posted = await Promise.all(['corr-a', 'corr-b', 'corr-c'].map((id, n) => postOrder(n + 1, id)));
    await sqs.send(new SendMessageCommand({ QueueUrl: orders.url, MessageBody: '{"type":"order.placed",' }));

    const received = await receiveAll(orders.url);
    expect(received).toHaveLength(4);
    const malformed = received.find((m) => m.Body!.endsWith(','))!;
    const failed = await deliver(received);

    expect(failed).toEqual([malformed.MessageId]);
    await deleteMessages(
      orders.url,
      received.filter((m) => m !== malformed),
    );
    const emitted = await receiveAll(events.url);
    expect(emitted).toHaveLength(3);
    const byOrder = new Map(emitted.map((m) => [(JSON.parse(m.Body!) as OrderEvent).orderId, m]));
    for (const { orderId, correlationId, lines } of posted) {
      const message = byOrder.get(orderId)!;
      expect(JSON.parse(message.Body!)).toMatchObject({
        type: 'order.accepted',
        eventId: `${orderId}:order.accepted`,
        subtotalCents: 1250 * lines,
        totalCents: 1500 * lines,
      });
      // The correlation ID of the HTTP request travels through both queues.
      expect(message.MessageAttributes).toMatchObject({
        type: { StringValue: 'order.accepted' },
        correlationId: { StringValue: correlationId },
      });
    }
    // The same events on the order.accepted stream, body and attributes as published.
    const streamed = await receiveAll(accepted.url);
    expect(
      streamed
        .map((m) => ({ body: m.Body, correlationId: m.MessageAttributes?.correlationId?.StringValue }))
        .sort((a, b) => a.body!.localeCompare(b.body!)),
    ).toEqual(
      emitted
        .map((m) => ({ body: m.Body, correlationId: m.MessageAttributes?.correlationId?.StringValue }))
        .sort((a, b) => a.body!.localeCompare(b.body!)),
    );
    expect(await idempotencyStatuses()).toEqual(
      expect.objectContaining(Object.fromEntries(posted.map((p) => [p.orderId, 'COMPLETED']))),
    );
  });

  it('does the work once when the same message is delivered twice', async () => {
    const { orderId } = await postOrder(1, 'corr-once');
    const [message] = await receiveAll(orders.url);

    expect(await deliver([message!])).toEqual([]);
    // SQS delivers it again (a visibility timeout ran out, a delete was lost): nothing is repeated.
    expect(await deliver([message!], 2)).toEqual([]);

    const emitted = await receiveAll(events.url);
    expect(emitted.map((m) => (JSON.parse(m.Body!) as OrderEvent).orderId)).toEqual([orderId]);
    expect(logs.withMessage('Order accepted')).toHaveLength(1);
    expect(logs.withMessage('Order already processed: not repeating the work')).toEqual([
      expect.objectContaining({ correlation_id: 'corr-once' }),
    ]);
  });

  it('does the work once for two copies of a message in one batch', async () => {
    const { orderId } = await postOrder(1, 'corr-copies');
    const [message] = await receiveAll(orders.url);
    const copy: Message = { ...message!, MessageId: randomUUID() };

    // The copies run concurrently: the second finds the first IN_PROGRESS and fails for a retry,
    // or finds it COMPLETED and returns its result. Retry the failed ones as SQS would.
    let batch = [message!, copy];
    for (let attempt = 1; batch.length > 0; attempt++) {
      expect(attempt).toBeLessThanOrEqual(3);
      const failed = await deliver(batch, attempt);
      batch = batch.filter((m) => failed.includes(m.MessageId!));
    }

    const emitted = await receiveAll(events.url);
    expect(emitted.map((m) => (JSON.parse(m.Body!) as OrderEvent).orderId)).toEqual([orderId]);
    expect(logs.withMessage('Order accepted')).toHaveLength(1);
  });

  it('fails a different order under an order ID already processed, instead of skipping it', async () => {
    const { orderId } = await postOrder(1, 'corr-tampered');
    const [message] = await receiveAll(orders.url);
    expect(await deliver([message!])).toEqual([]);
    const changed = { ...(JSON.parse(message!.Body!) as object), lines: [{ sku: 'MUG-1', quantity: 5 }] };
    const other: Message = { ...message!, MessageId: randomUUID(), Body: JSON.stringify(changed) };

    expect(await deliver([other])).toEqual([other.MessageId]);

    const emitted = await receiveAll(events.url);
    expect(emitted.map((m) => JSON.parse(m.Body!) as OrderEvent)).toEqual([
      expect.objectContaining({ orderId, subtotalCents: 1250 }),
    ]);
    expect(logs.lines.find((l) => l.message_id === other.MessageId && l.level === 'ERROR')).toMatchObject({
      message: 'Message processing failed',
      error: expect.objectContaining({ name: 'IdempotencyValidationError' }),
    });
  });

  it('forgets a failed attempt, so the retry does the work', async () => {
    const { orderId } = await postOrder(1, 'corr-retry');
    const [message] = await receiveAll(orders.url);
    getPriceList.clear();
    pricing.respondWith(503, { message: 'maintenance' });
    const recordsBefore = Object.keys(await idempotencyStatuses()).length;

    expect(await deliver([message!])).toEqual([message!.MessageId]);
    expect(await receiveAll(events.url)).toEqual([]);
    // The IN_PROGRESS record was deleted when the work failed: nothing stops the retry.
    expect(Object.keys(await idempotencyStatuses())).toHaveLength(recordsBefore);

    pricing.respondWith(200, { currency: 'EUR', prices: [{ sku: 'MUG-1', unitPriceCents: 1250 }] });
    expect(await deliver([message!], 2)).toEqual([]);
    const emitted = await receiveAll(events.url);
    expect(emitted.map((m) => JSON.parse(m.Body!) as OrderEvent)).toEqual([
      expect.objectContaining({ type: 'order.accepted', orderId }),
    ]);
    expect((await idempotencyStatuses())[orderId]).toBe('COMPLETED');
  });

  /** POST /orders through create-order: `lines` mugs. */
  async function postOrder(lines: number, correlationId: string) {
    const response = await createOrder(
      apiGatewayV2Request({
        body: { customerId: 'c-42', lines: [{ sku: 'MUG-1', quantity: lines }] },
        headers: { 'x-correlation-id': correlationId },
      }),
      createLambdaContext(),
    );
    expect(response.statusCode).toBe(200);
    const { orderId } = (JSON.parse(response.body) as { data: { orderId: string } }).data;
    return { orderId, correlationId, lines };
  }

  /** process-orders on these messages, as the event source mapping would call it; the failed message IDs. */
  async function deliver(messages: Message[], receiveCount = 1): Promise<string[]> {
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, orders.arn, receiveCount)) };
    const response = await processOrders(event, createLambdaContext());
    return response.batchItemFailures.map((f) => f.itemIdentifier);
  }

  async function createQueue(name: string): Promise<Queue> {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  }

  /** Every message now visible on a queue (received, so invisible for the queue's 30 s afterwards). */
  async function receiveAll(url: string): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) return all;
      all.push(...Messages);
    }
  }

  async function deleteMessages(url: string, messages: Message[]) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }

  /** The status of every idempotency record, by order ID when the record names it. */
  async function idempotencyStatuses(): Promise<Record<string, string>> {
    const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: TABLE }));
    return Object.fromEntries(
      Items.map((item) => {
        // A completed record holds the work's result ({ orderId, eventType, eventId }); others only a hash.
        const orderId = item.data?.M?.orderId?.S ?? item.id!.S!;
        return [orderId, item.status!.S!];
      }),
    );
  }
});

/** The record Lambda's event source mapping builds from a received message. */
function toRecord(message: Message, queueArn: string, receiveCount: number): SQSRecord {
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ...(message.Attributes as unknown as SQSRecordAttributes),
      ApproximateReceiveCount: String(receiveCount),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, attribute]) => [
        name,
        {
          stringValue: attribute.StringValue,
          stringListValues: [],
          binaryListValues: [],
          dataType: attribute.DataType ?? 'String',
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: REGION,
  };
}
