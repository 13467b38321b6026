import { Testing } from 'cdktf';
import { Queue, type QueueProps } from '../../src/Queue';
import { policy, resourceWith, resourcesOf, synthJson, testFunction, testStack, type Tf } from '../helpers';

const queueNamed = (json: Tf, name: string) => resourceWith(json, 'aws_sqs_queue', (q) => q.name === name);

describe('Class: Queue', () => {
  describe('defaults', () => {
    const stack = testStack();
    const queue = new Queue(stack, 'order-events');
    const sender = testFunction(stack, 'process-orders');
    sender.grantSend(queue);
    sender.addEnvironment('ORDER_EVENTS_QUEUE_URL', queue.queueUrl);
    const synthesized = Testing.synth(stack);
    const json = JSON.parse(synthesized);

    it('creates an encrypted queue kept 4 days, invisible 180 s after a receive', () => {
      expect(queue.queueName).toBe('orders-dev-order-events');
      expect(queueNamed(json, 'orders-dev-order-events')).toMatchObject({
        sqs_managed_sse_enabled: true,
        message_retention_seconds: 345600,
        visibility_timeout_seconds: 180,
      });
    });

    it('moves a message to an encrypted DLQ, kept 14 days, after 5 receives; only this queue redrives into it', () => {
      expect(queueNamed(json, 'orders-dev-order-events-dlq')).toMatchObject({
        sqs_managed_sse_enabled: true,
        message_retention_seconds: 1209600,
      });
      expect(JSON.parse(queueNamed(json, 'orders-dev-order-events').redrive_policy)).toEqual({
        deadLetterTargetArn: expect.stringMatching(/^\$\{aws_sqs_queue\.order-events_dlq_\w+\.arn\}$/),
        maxReceiveCount: 5,
      });
      const allow = resourcesOf(json, 'aws_sqs_queue_redrive_allow_policy')[0];
      expect(JSON.parse(allow.redrive_allow_policy)).toEqual({
        redrivePermission: 'byQueue',
        sourceQueueArns: [expect.stringMatching(/aws_sqs_queue\.order-events_queue_\w+\.arn/)],
      });
    });

    it('is consumed by nothing in the stack', () => {
      expect(resourcesOf(json, 'aws_lambda_event_source_mapping')).toEqual([]);
    });

    it('is a send target: the sender may SendMessage to exactly this queue and gets its URL', () => {
      const send = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'send-order-events');
      expect(policy(send.policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: expect.stringMatching(/^\$\{aws_sqs_queue\.order-events_queue_\w+\.arn\}$/),
        },
      ]);
      const fn = resourcesOf(json, 'aws_lambda_function')[0];
      expect(fn.environment.variables.ORDER_EVENTS_QUEUE_URL).toMatch(
        /^\$\{aws_sqs_queue\.order-events_queue_\w+\.url\}$/,
      );
    });

    it('alarms when the oldest message is 10 minutes old and on any message in the DLQ', () => {
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_metric_alarm' },
        {
          alarm_name: 'orders-dev-order-events-oldest-message',
          metric_name: 'ApproximateAgeOfOldestMessage',
          dimensions: { QueueName: 'orders-dev-order-events' },
          threshold: 600,
        },
      );
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_metric_alarm' },
        {
          alarm_name: 'orders-dev-order-events-dlq-depth',
          metric_name: 'ApproximateNumberOfMessagesVisible',
          threshold: 0,
        },
      );
    });
  });

  it('makes FIFO queues with a FIFO DLQ, and takes visibility, retention, receives and no age alarm', () => {
    const stack = testStack();
    new Queue(stack, 'shipments', {
      fifo: true,
      contentBasedDeduplication: true,
      visibilityTimeout: 60,
      retentionPeriod: 86400,
      maxReceiveCount: 3,
      maxMessageAge: false,
    });
    const json = synthJson(stack);

    expect(queueNamed(json, 'orders-dev-shipments.fifo')).toMatchObject({
      fifo_queue: true,
      content_based_deduplication: true,
      visibility_timeout_seconds: 60,
      message_retention_seconds: 86400,
    });
    expect(queueNamed(json, 'orders-dev-shipments-dlq.fifo')).toMatchObject({ fifo_queue: true });
    expect(JSON.parse(queueNamed(json, 'orders-dev-shipments.fifo').redrive_policy).maxReceiveCount).toBe(3);
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm').map((a) => a.metric_name as string)).toEqual([
      'ApproximateNumberOfMessagesVisible',
    ]);
  });

  describe('bad input', () => {
    it.each([
      [
        { visibilityTimeout: 50000 },
        /Queue "events": visibilityTimeout 50000 is out of range. AWS allows 0–43200/,
      ],
      [{ maxReceiveCount: 0 }, /maxReceiveCount 0 is out of range/],
      [{ retentionPeriod: 1209600 }, /retentionPeriod 1209600 is out of range.*below the DLQ's 14 days/],
      [{ retentionPeriod: 30 }, /retentionPeriod 30 is out of range/],
      [{ maxMessageAge: 10 }, /maxMessageAge 10 is out of range/],
      [{ contentBasedDeduplication: true }, /contentBasedDeduplication is only for FIFO queues/],
    ])('rejects %j', (props, message) => {
      expect(() => new Queue(testStack(), 'events', props as QueueProps)).toThrow(message);
    });

    it('rejects a name too long for SQS once the prefix and suffixes are added', () => {
      const id = 'q'.repeat(61);
      expect(() => new Queue(testStack(), id, { fifo: true })).toThrow(
        /Queue "q+": the SQS dead-letter queue name "orders-dev-q+-dlq.fifo" is 81 characters; AWS allows at most 80/,
      );
    });
  });
});
