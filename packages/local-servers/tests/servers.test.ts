import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const server = (name: string) => JSON.parse(process.env[name]!) as { endpoint: string; port: number };

describe('local servers (started by tests/globalSetup.mjs)', () => {
  it('serves SQS on loopback: a message sent to a created queue is received', async () => {
    const { endpoint, port } = server('LOCAL_SERVERS_SQS');
    expect(endpoint).toBe(`http://127.0.0.1:${port}`);
    const sqs = new SQSClient({
      endpoint,
      region: 'eu-central-1',
      credentials,
      useQueueUrlAsEndpoint: false,
    });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'orders' }));
    // The queue URL names the region the server was started with.
    expect(QueueUrl).toBe(`http://sqs.eu-central-1.127.0.0.1:${port}/000000000000/orders`);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"orderId":"o-1"}' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(Messages?.map((m) => m.Body)).toEqual(['{"orderId":"o-1"}']);
    sqs.destroy();
  });

  it('serves DynamoDB on loopback with tables active at once', async () => {
    const { endpoint, port } = server('LOCAL_SERVERS_DYNAMODB');
    expect(endpoint).toBe(`http://127.0.0.1:${port}`);
    const dynamodb = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials });
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'orders',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // No simulated creation delay: the next call already sees the table ACTIVE.
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: 'orders' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    await dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'o-1' } } }));
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'o-1' } } }),
    );
    expect(Item).toEqual({ id: { S: 'o-1' } });
    dynamodb.destroy();
  });
});
