import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startHttpStub, type HttpStub, type StubRequest, type StubRoutes } from './httpStub';
import { readLocalConfig as readConfigFile } from './localConfig';

/**
 * apps/<service>/local.json: what a local run of the service needs.
 *
 * `environment` values name the local stand-ins to start, all on 127.0.0.1:
 * - `"sqs:<queue>"`: a queue on the local SQS server; the variable gets its URL;
 * - `"sns:<topic>"`: a topic on the same server (an event stream the function publishes); the variable
 *   gets its ARN, and what is published to it is shown under the topic's name;
 * - `"dynamodb:<table>[:<partition key>[:<sort key>]]"`: a table on the local DynamoDB server with
 *   string keys, by default partition key `id` (the layout of `IdempotencyTable`); the variable gets
 *   the table name;
 * - `"http-stub:<file>"`: an HTTP server answering from `<file>` (relative to the app, see `StubRoutes`);
 *   the variable gets its base URL;
 * - anything else is passed as is.
 */
export interface LocalConfig {
  /** Values the settings package serves locally (SETTINGS_PROVIDER=local): parameter and secret names. */
  readonly settings?: Record<string, string>;
  readonly environment?: Record<string, string>;
}

export interface Message {
  readonly body: string;
  readonly attributes: Record<string, string | undefined>;
}

/** What the function left behind in the local services. */
export interface LocalState {
  /** Messages on each queue, by queue name. */
  readonly messages: Record<string, Message[]>;
  /** Items of each table, by table name. */
  readonly tables: Record<string, Record<string, unknown>[]>;
  /** Requests each HTTP stub received, by environment variable. */
  readonly requests: Record<string, StubRequest[]>;
}

export interface LocalServices {
  /** The function's environment: resolved local.json variables and the SDK endpoint variables. */
  readonly environment: Record<string, string>;
  collect(): Promise<LocalState>;
  stop(): Promise<void>;
}

const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** apps/<service>/local.json, checked (see localConfig.ts); `{}` when there is none. */
export function readLocalConfig(appDir: string): LocalConfig {
  return readConfigFile(join(appDir, 'local.json'));
}

export interface LocalServicesOptions {
  /** A running local SQS server to create queues on, instead of starting one (npm run dev shares one). */
  readonly sqsEndpoint?: string;
  /** A running local DynamoDB server to create tables on, instead of starting one. */
  readonly dynamodbEndpoint?: string;
  /** Variables of local.json to leave out (npm run dev: the queues and tables its stack wires). */
  readonly skip?: ReadonlySet<string>;
}

/**
 * Starts the local SQS server (unless given one) and whatever else local.json names; stop() ends
 * what it started.
 */
export async function startLocalServices(
  appDir: string,
  config: LocalConfig,
  options: LocalServicesOptions = {},
): Promise<LocalServices> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = () => Promise.all(stops.splice(0).map((stop) => stop())).then(() => undefined);
  try {
    let sqsEndpoint = options.sqsEndpoint;
    if (!sqsEndpoint) {
      const { startLocalSqs } = await import('@platform/local-servers');
      const sqsServer = await startLocalSqs({ region: REGION });
      stops.push(() => sqsServer.stop());
      sqsEndpoint = sqsServer.endpoint;
    }
    const sqs = new SQSClient({
      endpoint: sqsEndpoint,
      region: REGION,
      credentials,
      useQueueUrlAsEndpoint: false,
    });
    stops.push(async () => sqs.destroy());
    // fauxqs speaks SNS on the same port.
    const environment: Record<string, string> = {
      AWS_ENDPOINT_URL_SQS: sqsEndpoint,
      AWS_ENDPOINT_URL_SNS: sqsEndpoint,
    };
    let sns: SNSClient | undefined;
    const queues: Record<string, string> = {};
    const tables: string[] = [];
    const stubs: Record<string, HttpStub> = {};
    let dynamodb: DynamoDBClient | undefined;

    for (const [name, value] of Object.entries(config.environment ?? {})) {
      if (options.skip?.has(name)) continue;
      const [, kind, target] = /^(sqs|sns|dynamodb|http-stub):(.+)$/.exec(value) ?? [];
      if (kind === 'sqs') {
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: target }));
        queues[target!] = environment[name] = QueueUrl!;
      } else if (kind === 'sns') {
        if (!sns) {
          sns = new SNSClient({ endpoint: sqsEndpoint, region: REGION, credentials });
          const client = sns;
          stops.unshift(async () => client.destroy());
        }
        const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: target }));
        // A queue subscribed with raw delivery keeps what was published, as a consumer receives it.
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${target}-published` }));
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
        queues[target!] = QueueUrl!;
        environment[name] = TopicArn!;
      } else if (kind === 'dynamodb') {
        if (!dynamodb) {
          let endpoint = options.dynamodbEndpoint;
          if (!endpoint) {
            const { startLocalDynamoDb } = await import('@platform/local-servers');
            const server = await startLocalDynamoDb();
            stops.push(() => server.stop());
            endpoint = server.endpoint;
          }
          dynamodb = new DynamoDBClient({ endpoint, region: REGION, credentials });
          stops.unshift(async () => dynamodb?.destroy());
          environment.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
        }
        // Table names cannot hold ':', so the key names follow it.
        const [table, partitionKey = 'id', sortKey] = target!.split(':');
        const keys = [
          { AttributeName: partitionKey, KeyType: 'HASH' as const },
          ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : []),
        ];
        await dynamodb.send(
          new CreateTableCommand({
            TableName: table,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: keys.map((k) => ({
              AttributeName: k.AttributeName,
              AttributeType: 'S' as const,
            })),
            KeySchema: keys,
          }),
        );
        tables.push(table!);
        environment[name] = table!;
      } else if (kind === 'http-stub') {
        const stub = await startHttpStub(readRoutes(resolve(appDir, target!)));
        stops.push(() => stub.stop());
        stubs[name] = stub;
        environment[name] = stub.url;
      } else {
        environment[name] = value;
      }
    }

    return {
      environment,
      collect: async () => ({
        messages: Object.fromEntries(
          await Promise.all(
            Object.entries(queues).map(async ([queue, url]) => [queue, await drain(sqs, url)]),
          ),
        ),
        tables: Object.fromEntries(
          await Promise.all(tables.map(async (table) => [table, await scan(dynamodb!, table)])),
        ),
        requests: Object.fromEntries(Object.entries(stubs).map(([name, stub]) => [name, stub.requests])),
      }),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function readRoutes(file: string): StubRoutes {
  if (!existsSync(file)) {
    throw new Error(
      `HTTP stub file ${file} not found (an "http-stub:<file>" value of local.json, relative to the app).`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as StubRoutes;
}

/** Every message on the queue (received, so the local server hides them afterwards). */
async function drain(sqs: SQSClient, url: string): Promise<Message[]> {
  const messages: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        WaitTimeSeconds: 0,
      }),
    );
    if (Messages.length === 0) return messages;
    messages.push(
      ...Messages.map((m) => ({
        body: m.Body ?? '',
        attributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]),
        ),
      })),
    );
  }
}

async function scan(client: DynamoDBClient, table: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await DynamoDBDocumentClient.from(client).send(
    new ScanCommand({ TableName: table }),
  );
  return Items;
}
