import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/*
 * The local cloud of npm run dev on real servers (fauxqs, dynalite): what a stack declares is
 * created with its settings. Run through tsx in a child process: the local servers are ES modules,
 * which Jest's CommonJS runtime cannot load in-process.
 */
const root = resolve(__dirname, '..', '..');
// Inside the workspace (tmp/ is ignored by git): the script resolves the SDK from node_modules.
mkdirSync(join(root, 'tmp'), { recursive: true });
const dir = mkdtempSync(join(root, 'tmp', 'dev-cloud-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stack = {
  provider: { aws: [{ region: 'eu-west-1' }] },
  resource: {
    aws_sns_topic: { events_1: { name: 'svc-dev-events' } },
    aws_sqs_queue: {
      inbox_dlq_2: { name: 'svc-dev-inbox-dlq' },
      inbox_3: {
        name: 'svc-dev-inbox',
        visibility_timeout_seconds: 90,
        redrive_policy: '{"deadLetterTargetArn":"${aws_sqs_queue.inbox_dlq_2.arn}","maxReceiveCount":2}',
      },
    },
    aws_sns_topic_subscription: {
      to_inbox_4: {
        topic_arn: '${aws_sns_topic.events_1.arn}',
        protocol: 'sqs',
        endpoint: '${aws_sqs_queue.inbox_3.arn}',
        raw_message_delivery: true,
      },
      to_email_5: {
        topic_arn: '${aws_sns_topic.events_1.arn}',
        protocol: 'email',
        endpoint: 'ops@example.com',
      },
    },
    aws_dynamodb_table: {
      things_6: {
        name: 'svc-dev-things',
        hash_key: 'pk',
        range_key: 'n',
        attribute: [
          { name: 'pk', type: 'S' },
          { name: 'n', type: 'N' },
        ],
      },
    },
  },
};

// Starts the cloud, publishes to the topic, reads back the queue, its attributes and the table.
const script = `
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startLocalCloud } from '${join(root, 'tools/dev/localCloud')}';
import { readStack } from '${join(root, 'tools/dev/readStack')}';
(async () => {
  const stack = readStack(process.argv[2], 'svc');
  const cloud = await startLocalCloud([stack], { region: 'eu-west-1', sqsPort: 0, dynamodbPort: 0 });
  try {
    const topic = cloud.topics.get('svc-dev/aws_sns_topic.events_1');
    const inbox = cloud.queues.get('svc-dev/aws_sqs_queue.inbox_3');
    const published = await fetch(cloud.sqsEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-1/sns/aws4_request',
      },
      body: new URLSearchParams({ Action: 'Publish', TopicArn: topic.arn, Message: '{"id":1}', Version: '2010-03-31' }).toString(),
    });
    const { Messages = [] } = await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: inbox.url, WaitTimeSeconds: 5 }));
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: inbox.url, AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'] }),
    );
    const dynamodb = new DynamoDBClient({ endpoint: cloud.dynamodbEndpoint, region: 'eu-west-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: 'svc-dev-things' }));
    dynamodb.destroy();
    console.log(JSON.stringify({
      topicArn: topic.arn,
      published: published.status,
      bodies: Messages.map((m) => m.Body),
      attributes: Attributes,
      keys: Table.KeySchema,
      notices: cloud.notices,
    }));
  } finally {
    await cloud.stop();
  }
})();
`;

describe('Function: startLocalCloud', () => {
  it('creates topics with their SQS subscriptions, queues with their redrive policy, tables with their keys', () => {
    mkdirSync(join(dir, 'svc-dev'));
    writeFileSync(join(dir, 'svc-dev', 'cdk.tf.json'), JSON.stringify(stack));
    writeFileSync(join(dir, 'cloud.ts'), script);

    const out = execFileSync(
      join(root, 'node_modules/.bin/tsx'),
      [join(dir, 'cloud.ts'), join(dir, 'svc-dev', 'cdk.tf.json')],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );

    const result = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result).toEqual({
      topicArn: 'arn:aws:sns:eu-west-1:000000000000:svc-dev-events',
      published: 200,
      // Raw message delivery, as the subscription says: the message itself, no SNS envelope.
      bodies: ['{"id":1}'],
      attributes: {
        VisibilityTimeout: '90',
        RedrivePolicy:
          '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:000000000000:svc-dev-inbox-dlq","maxReceiveCount":2}',
      },
      keys: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'n', KeyType: 'RANGE' },
      ],
      notices: [
        'svc-dev: subscription aws_sns_topic_subscription.to_email_5 (email) is not wired locally: ' +
          'only SQS subscriptions to a topic of a started stack are.',
      ],
    });
  });
});
