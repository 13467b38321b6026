import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { isAddressInUse, portInUse } from './errors';
import type { QueueModel, StackModel } from './types';

export interface LocalQueue {
  readonly model: QueueModel;
  readonly url: string;
  readonly arn: string;
}

export interface LocalCloudOptions {
  readonly region: string;
  /** @default 9324 (option --sqs-port) */
  readonly sqsPort: number;
  /** @default 8000 (option --dynamodb-port) */
  readonly dynamodbPort: number;
}

/** The local stand-ins of every selected stack's queues, tables and topics, keyed by Terraform address. */
export interface LocalCloud {
  /** fauxqs: SQS and SNS. */
  readonly sqsEndpoint: string;
  /** dynalite. */
  readonly dynamodbEndpoint: string;
  readonly sqs: SQSClient;
  /** `<stack>/<address>` -> queue. */
  readonly queues: Map<string, LocalQueue>;
  readonly tables: Map<string, { name: string; arn: string }>;
  readonly topics: Map<string, { name: string; arn: string }>;
  /** What could not be wired, for the summary. */
  readonly notices: string[];
  stop(): Promise<void>;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const key = (stack: StackModel, address: string) => `${stack.stack}/${address}`;

/** Starts fauxqs and dynalite on 127.0.0.1 and creates what the stacks declare, with their settings. */
export async function startLocalCloud(stacks: StackModel[], options: LocalCloudOptions): Promise<LocalCloud> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const fn of stops.splice(0).reverse()) await fn().catch(() => undefined);
  };
  try {
    const { startLocalSqs } = await import('@platform/local-servers');
    const sqsServer = await startLocalSqs({ port: options.sqsPort, region: options.region }).catch(
      (error: unknown) => {
        throw isAddressInUse(error)
          ? portInUse('local SQS/SNS', options.sqsPort, '--sqs-port', error)
          : error;
      },
    );
    stops.push(() => sqsServer.stop());
    const { startLocalDynamoDb } = await import('@platform/local-servers');
    const dynamoServer = await startLocalDynamoDb({ port: options.dynamodbPort }).catch((error: unknown) => {
      throw isAddressInUse(error)
        ? portInUse('local DynamoDB', options.dynamodbPort, '--dynamodb-port', error)
        : error;
    });
    stops.push(() => dynamoServer.stop());

    const clientOptions = { region: options.region, credentials };
    const sqs = new SQSClient({
      ...clientOptions,
      endpoint: sqsServer.endpoint,
      useQueueUrlAsEndpoint: false,
    });
    const dynamodb = new DynamoDBClient({ ...clientOptions, endpoint: dynamoServer.endpoint });
    stops.push(async () => {
      sqs.destroy();
      dynamodb.destroy();
    });

    const cloud: LocalCloud = {
      sqsEndpoint: sqsServer.endpoint,
      dynamodbEndpoint: dynamoServer.endpoint,
      sqs,
      queues: new Map(),
      tables: new Map(),
      topics: new Map(),
      notices: [],
      stop,
    };
    for (const stack of stacks) {
      await createQueues(cloud, stack);
      for (const table of stack.tables) {
        await dynamodb.send(
          new CreateTableCommand({
            TableName: table.name,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: table.attributes.map((a) => ({
              AttributeName: a.name,
              AttributeType: a.type,
            })),
            KeySchema: table.keys.map((k) => ({ AttributeName: k.name, KeyType: k.type })),
          }),
        );
        cloud.tables.set(key(stack, table.address), {
          name: table.name,
          arn: `arn:aws:dynamodb:${options.region}:000000000000:table/${table.name}`,
        });
      }
      await createTopics(cloud, stack, options.region);
    }
    // Once every stack's topics exist: a consumer's subscription names another stack's topic by ARN.
    for (const stack of stacks) await subscribeQueues(cloud, stack, options.region);
    return cloud;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Dead-letter queues first: a queue's redrive policy names its DLQ's ARN. */
async function createQueues(cloud: LocalCloud, stack: StackModel): Promise<void> {
  const pending = [...stack.queues];
  while (pending.length > 0) {
    const index = pending.findIndex(
      (q) => !q.redrive || cloud.queues.has(key(stack, q.redrive.deadLetterAddress)),
    );
    const queue = pending.splice(Math.max(index, 0), 1)[0]!;
    const dlq = queue.redrive && cloud.queues.get(key(stack, queue.redrive.deadLetterAddress));
    const attributes: Record<string, string> = {
      VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
      ...(queue.fifo ? { FifoQueue: 'true' } : {}),
      ...(queue.contentBasedDeduplication ? { ContentBasedDeduplication: 'true' } : {}),
      ...(dlq
        ? {
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: dlq.arn,
              maxReceiveCount: queue.redrive!.maxReceiveCount,
            }),
          }
        : {}),
    };
    const { QueueUrl } = await cloud.sqs.send(
      new CreateQueueCommand({ QueueName: queue.name, Attributes: attributes }),
    );
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    cloud.queues.set(key(stack, queue.address), { model: queue, url: QueueUrl!, arn: Attributes!.QueueArn! });
  }
}

/** SNS speaks the query protocol: a form POST, no SDK client needed. */
function snsCall(cloud: LocalCloud, region: string) {
  return async (params: Record<string, string>) => {
    const response = await fetch(cloud.sqsEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/${region}/sns/aws4_request`,
      },
      body: new URLSearchParams({ ...params, Version: '2010-03-31' }).toString(),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Local SNS ${params.Action} failed: ${text}`);
    return text;
  };
}

async function createTopics(cloud: LocalCloud, stack: StackModel, region: string): Promise<void> {
  const call = snsCall(cloud, region);
  for (const topic of stack.topics) {
    const xml = await call({
      Action: 'CreateTopic',
      Name: topic.name,
      ...(topic.fifo ? { 'Attributes.entry.1.key': 'FifoTopic', 'Attributes.entry.1.value': 'true' } : {}),
    });
    const arn = /<TopicArn>([^<]+)<\/TopicArn>/.exec(xml)?.[1] ?? '';
    cloud.topics.set(key(stack, topic.address), { name: topic.name, arn });
  }
}

/**
 * SQS subscriptions to a topic of this stack, or of another started stack named by its ARN (an event
 * stream of another service, in another account: the local topic of the same name).
 */
async function subscribeQueues(cloud: LocalCloud, stack: StackModel, region: string): Promise<void> {
  const call = snsCall(cloud, region);
  const byName = (arn: string) =>
    arn.startsWith('arn:')
      ? [...cloud.topics.values()].find((t) => t.name === arn.slice(arn.lastIndexOf(':') + 1))
      : undefined;
  for (const subscription of stack.subscriptions) {
    const topic =
      cloud.topics.get(key(stack, subscription.topicAddress)) ?? byName(subscription.topicAddress);
    const queueAddress = /^\$\{(aws_sqs_queue\.[\w-]+)\.arn\}$/.exec(subscription.endpoint)?.[1];
    const queue = queueAddress && cloud.queues.get(key(stack, queueAddress));
    if (!topic || subscription.protocol !== 'sqs' || !queue) {
      cloud.notices.push(
        `${stack.stack}: subscription ${subscription.address} (${subscription.protocol}) is not wired locally: ` +
          'only SQS subscriptions to a topic of a started stack are.',
      );
      continue;
    }
    await call({
      Action: 'Subscribe',
      TopicArn: topic.arn,
      Protocol: 'sqs',
      Endpoint: queue.arn,
      ...(subscription.rawMessageDelivery
        ? { 'Attributes.entry.1.key': 'RawMessageDelivery', 'Attributes.entry.1.value': 'true' }
        : {}),
    });
  }
}
