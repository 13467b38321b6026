import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { runWithCorrelationId } from '@platform/logging';
import { publishEvents, resetSnsClients } from '../../src';

/**
 * publishEvents against a real SNS server (fauxqs, started by globalSetup.mjs on 127.0.0.1), delivering
 * with raw delivery to a queue, as a consuming service's subscription does: body, attributes and the
 * correlation ID arrive as published.
 */
const endpoint = process.env.QUEUE_TEST_SQS_ENDPOINT as string;
const clientConfig = {
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
// The default client (what a function uses) finds these as a function's role credentials.
Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
const sqs = new SQSClient(clientConfig);
const sns = new SNSClient(clientConfig);
afterAll(async () => {
  sqs.destroy();
  sns.destroy();
  await resetSnsClients();
});

async function receiveAll(queueUrl: string, expected: number): Promise<Message[]> {
  const received: Message[] = [];
  const deadline = Date.now() + 20_000;
  while (received.length < expected && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 600,
        MessageAttributeNames: ['All'],
      }),
    );
    received.push(...Messages);
    if (Messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return received;
}

describe('Integration: publishEvents on a local SNS topic with a raw-delivery queue subscribed', () => {
  it("delivers every event to the consumer's queue with its attributes and the correlation ID", async () => {
    // Prepare
    const name = `publish-test-${process.pid}`;
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-consumer` }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: Attributes!.QueueArn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    process.env.STREAM_ORDER_ACCEPTED_TOPIC_ARN = TopicArn;
    const events = Array.from({ length: 13 }, (_, i) => ({
      id: `order-${i}`,
      body: { orderId: `order-${i}` },
      attributes: { type: 'order.accepted' },
    }));

    // Act
    const result = await runWithCorrelationId('corr-stream-1', () =>
      publishEvents('order.accepted', events, { endpoint, region: 'eu-west-1' }),
    );

    // Assess
    expect(result.failed).toEqual([]);
    expect(result.sent).toHaveLength(13);
    const received = await receiveAll(QueueUrl!, 13);
    expect(received.map((m) => (JSON.parse(m.Body!) as { orderId: string }).orderId).sort()).toEqual(
      events.map((e) => e.id).sort(),
    );
    for (const message of received) {
      expect(message.MessageAttributes).toEqual({
        type: { DataType: 'String', StringValue: 'order.accepted' },
        correlationId: { DataType: 'String', StringValue: 'corr-stream-1' },
      });
    }
  });
});
