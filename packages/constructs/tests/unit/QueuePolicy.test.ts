import { Testing } from 'cdktf';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Queue } from '../../src/Queue';
import { QueuePolicy } from '../../src/QueuePolicy';
import { Schedule } from '../../src/Schedule';
import { SqsConsumer } from '../../src/SqsConsumer';
import { policy, resourcesOf, synthJson, testFunction, testStack, type Tf } from '../helpers';

const tlsOnly = (queueAddress: RegExp) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 'sqs:*',
  Resource: expect.stringMatching(queueAddress),
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

/** queue name -> its aws_sqs_queue_policy documents. */
function policiesByQueue(json: Tf): Record<string, Tf[]> {
  const queues = json.resource.aws_sqs_queue as Record<string, Tf>;
  return Object.fromEntries(
    Object.entries(queues).map(([id, queue]) => [
      queue.name,
      resourcesOf(json, 'aws_sqs_queue_policy')
        .filter((p) => p.queue_url === `\${aws_sqs_queue.${id}.url}`)
        .map((p) => policy(p.policy)),
    ]),
  );
}

describe('Class: QueuePolicy', () => {
  it('gives every queue the constructs create one policy that refuses plain HTTP', () => {
    // Prepare
    const stack = testStack();
    const worker = testFunction(stack, 'process-orders');
    new SqsConsumer(stack, 'orders', { consumer: worker });
    new Queue(stack, 'order-events');
    new Schedule(stack, 'nightly', { target: worker, expression: 'rate(1 day)' });

    // Act
    const byQueue = policiesByQueue(synthJson(stack));

    // Assess
    expect(Object.keys(byQueue).sort()).toEqual([
      'orders-dev-nightly-dlq',
      'orders-dev-order-events',
      'orders-dev-order-events-dlq',
      'orders-dev-orders',
      'orders-dev-orders-dlq',
      'orders-dev-process-orders-async-dlq',
    ]);
    for (const [name, documents] of Object.entries(byQueue)) {
      expect([name, documents.map((d) => d.Statement)]).toEqual([
        name,
        [[tlsOnly(/^\$\{aws_sqs_queue\.[\w-]+\.arn\}$/)]],
      ]);
    }
  });

  it("merges other constructs' statements into that one policy", () => {
    // Prepare
    const stack = testStack();
    const consumer = new SqsConsumer(stack, 'orders', { consumer: testFunction(stack, 'process-orders') });
    const topicArn = 'arn:aws:sns:eu-west-1:222222222222:sales-dev-order-placed';
    const fromTopic = {
      Sid: 'AllowOrderPlacedTopic',
      Effect: 'Allow' as const,
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: consumer.queueArn,
      Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
    };

    // Act: once through the construct, once through the queue itself, after the construct made its policy.
    consumer.addToResourcePolicy(fromTopic);
    QueuePolicy.of(consumer.queue).addStatements({ ...fromTopic, Sid: 'AllowOrderPlacedTopicAgain' });
    const byQueue = policiesByQueue(synthJson(stack));

    // Assess
    expect(byQueue['orders-dev-orders']).toHaveLength(1);
    expect(byQueue['orders-dev-orders'][0].Statement).toEqual([
      tlsOnly(/^\$\{aws_sqs_queue\.orders_queue_\w+\.arn\}$/),
      { ...fromTopic, Resource: expect.stringMatching(/^\$\{aws_sqs_queue\.orders_queue_\w+\.arn\}$/) },
      {
        ...fromTopic,
        Sid: 'AllowOrderPlacedTopicAgain',
        Resource: expect.stringMatching(/^\$\{aws_sqs_queue\.orders_queue_\w+\.arn\}$/),
      },
    ]);
  });

  it('gives a queue made outside the constructs the same policy, on first use', () => {
    const stack = testStack();
    const queue = new SqsQueue(stack, 'legacy', { name: 'orders-dev-legacy', sqsManagedSseEnabled: true });
    const first = QueuePolicy.of(queue);

    expect(QueuePolicy.of(queue)).toBe(first);
    expect(policiesByQueue(synthJson(stack))['orders-dev-legacy'].map((d) => d.Statement)).toEqual([
      [tlsOnly(/^\$\{aws_sqs_queue\.legacy\.arn\}$/)],
    ]);
  });

  it('refuses a statement without a Sid, or with one the policy already holds', () => {
    const stack = testStack();
    const queue = new Queue(stack, 'order-events');
    const statement = { Effect: 'Allow' as const, Action: 'sqs:SendMessage', Resource: queue.queueArn };

    expect(() => queue.addToResourcePolicy(statement)).toThrow(
      'Queue policy of orders-dev/order-events/queue: a statement needs a Sid (Sids in the policy: DenyInsecureTransport). ' +
        'Give each statement a unique Sid of letters and digits, e.g. "AllowOrdersTopic".',
    );
    expect(() => queue.addToResourcePolicy({ ...statement, Sid: 'DenyInsecureTransport' })).toThrow(
      /statement Sid "DenyInsecureTransport" is already used/,
    );
    expect(() => Testing.synth(stack)).not.toThrow();
  });
});
