import { Testing } from 'cdktf';
import { SqsConsumer, type SqsConsumerProps } from '../../src/SqsConsumer';
import type { ServiceFunction } from '../../src/ServiceFunction';
import type { ServiceStack } from '../../src/ServiceStack';
import { policy, resourceWith, resourcesOf, testFunction, testStack, type Tf } from '../helpers';

function consumerStack(
  props: Partial<SqsConsumerProps> = {},
  fnProps: { timeout?: number; reservedConcurrency?: number } = {},
) {
  const stack = testStack();
  const consumer = testFunction(stack, 'process', { timeout: 30, ...fnProps });
  const sqs = new SqsConsumer(stack, 'orders', { consumer, ...props });
  return { stack, consumer, sqs };
}

const queueNamed = (json: Tf, name: string) => resourceWith(json, 'aws_sqs_queue', (q) => q.name === name);

describe('Class: SqsConsumer', () => {
  describe('defaults', () => {
    const { stack } = consumerStack();
    const synthesized = Testing.synth(stack);
    const json = JSON.parse(synthesized);

    it('creates an encrypted queue with a visibility timeout of 6 x the consumer timeout and 4 days retention', () => {
      expect(queueNamed(json, 'orders-dev-orders')).toMatchObject({
        sqs_managed_sse_enabled: true,
        visibility_timeout_seconds: 180,
        message_retention_seconds: 345600,
      });
    });

    it('moves a message to an encrypted DLQ, kept 14 days, after 5 receives', () => {
      expect(queueNamed(json, 'orders-dev-orders-dlq')).toMatchObject({
        sqs_managed_sse_enabled: true,
        message_retention_seconds: 1209600,
      });
      expect(JSON.parse(queueNamed(json, 'orders-dev-orders').redrive_policy)).toEqual({
        deadLetterTargetArn: expect.stringMatching(/^\$\{aws_sqs_queue\.orders_dlq_\w+\.arn\}$/),
        maxReceiveCount: 5,
      });
      const allow = resourcesOf(json, 'aws_sqs_queue_redrive_allow_policy')[0];
      expect(JSON.parse(allow.redrive_allow_policy)).toEqual({
        redrivePermission: 'byQueue',
        sourceQueueArns: [expect.stringMatching(/aws_sqs_queue\.orders_queue_\w+\.arn/)],
      });
    });

    it('maps the queue to the live alias in batches of 10 with partial batch failures', () => {
      const mapping = resourcesOf(json, 'aws_lambda_event_source_mapping')[0];
      expect(mapping).toMatchObject({
        event_source_arn: expect.stringMatching(/aws_sqs_queue\.orders_queue_\w+\.arn/),
        function_name: expect.stringMatching(/^\$\{aws_lambda_alias\.process_live_\w+\.arn\}$/),
        batch_size: 10,
        function_response_types: ['ReportBatchItemFailures'],
      });
      expect(mapping.maximum_batching_window_in_seconds).toBeUndefined();
      expect(mapping.scaling_config).toBeUndefined();
    });

    it('lets the consumer receive and delete on exactly this queue', () => {
      const consume = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'consume-orders');
      expect(consume.role).toMatch(/aws_iam_role\.process_role_\w+\.name/);
      expect(policy(consume.policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
          Resource: expect.stringMatching(/^\$\{aws_sqs_queue\.orders_queue_\w+\.arn\}$/),
        },
      ]);
    });

    it('alarms on the age of the oldest message and on any message in the DLQ', () => {
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_metric_alarm' },
        {
          alarm_name: 'orders-dev-orders-oldest-message',
          metric_name: 'ApproximateAgeOfOldestMessage',
          dimensions: { QueueName: 'orders-dev-orders' },
          threshold: 600,
          treat_missing_data: 'notBreaching',
        },
      );
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_metric_alarm' },
        {
          alarm_name: 'orders-dev-orders-dlq-depth',
          metric_name: 'ApproximateNumberOfMessagesVisible',
          dimensions: { QueueName: 'orders-dev-orders-dlq' },
          threshold: 0,
        },
      );
    });
  });

  it('makes FIFO queues with a FIFO DLQ', () => {
    const { stack } = consumerStack({ fifo: true, contentBasedDeduplication: true, maxReceiveCount: 3 });
    const json = JSON.parse(Testing.synth(stack));

    expect(queueNamed(json, 'orders-dev-orders.fifo')).toMatchObject({
      fifo_queue: true,
      content_based_deduplication: true,
    });
    expect(queueNamed(json, 'orders-dev-orders-dlq.fifo')).toMatchObject({ fifo_queue: true });
    expect(JSON.parse(queueNamed(json, 'orders-dev-orders.fifo').redrive_policy).maxReceiveCount).toBe(3);
  });

  it('takes batch size, batching window (added to the computed visibility), maximum concurrency and retention', () => {
    const { stack, sqs } = consumerStack({
      batchSize: 100,
      maxBatchingWindow: 20,
      maxConcurrency: 5,
      retentionPeriod: 86400,
    });
    const json = JSON.parse(Testing.synth(stack));

    expect(resourcesOf(json, 'aws_lambda_event_source_mapping')[0]).toMatchObject({
      batch_size: 100,
      maximum_batching_window_in_seconds: 20,
      scaling_config: { maximum_concurrency: 5 },
    });
    expect(queueNamed(json, 'orders-dev-orders')).toMatchObject({
      visibility_timeout_seconds: 200,
      message_retention_seconds: 86400,
    });
    expect(sqs.visibilityTimeout).toBe(200);
  });

  it('accepts a longer visibility timeout and no age alarm', () => {
    const { stack } = consumerStack({ visibilityTimeout: 900, maxMessageAge: false });
    const json = JSON.parse(Testing.synth(stack));

    expect(queueNamed(json, 'orders-dev-orders').visibility_timeout_seconds).toBe(900);
    expect(
      resourcesOf(json, 'aws_cloudwatch_metric_alarm').filter(
        (a) => a.metric_name === 'ApproximateAgeOfOldestMessage',
      ),
    ).toEqual([]);
  });

  describe('bad input', () => {
    it.each([
      [
        { fifo: true, batchSize: 11 },
        {},
        /SqsConsumer "orders": batchSize 11 is out of range. AWS allows 1–10 messages for FIFO queues/,
      ],
      [
        { visibilityTimeout: 30 },
        { timeout: 60 },
        /SqsConsumer "orders": visibilityTimeout 30s is less than 6 x the consumer's timeout \(60s\).*Set visibilityTimeout to at least 360/,
      ],
      [
        { batchSize: 11 },
        {},
        /batchSize 11 is above 10, which Lambda allows only with a batching window. Set maxBatchingWindow/,
      ],
      [{ fifo: true, maxBatchingWindow: 5 }, {}, /maxBatchingWindow 5s is set on a FIFO queue/],
      [{ maxConcurrency: 1 }, {}, /maxConcurrency 1 is out of range. AWS allows 2–1000/],
      [
        { maxConcurrency: 20 },
        { reservedConcurrency: 10 },
        /maxConcurrency 20 is above the reservedConcurrency 10 of function "process"/,
      ],
      [{ maxReceiveCount: 0 }, {}, /maxReceiveCount 0 is out of range/],
      [{ retentionPeriod: 1209600 }, {}, /retentionPeriod 1209600 is out of range.*below the DLQ's 14 days/],
      [{ contentBasedDeduplication: true }, {}, /contentBasedDeduplication is only for FIFO queues/],
    ])('rejects %j (function %j)', (props, fnProps, message) => {
      expect(() => consumerStack(props, fnProps)).toThrow(message);
    });

    it('rejects a name too long for SQS once the prefix and suffixes are added', () => {
      const stack = testStack();
      const consumer = testFunction(stack, 'process');
      const id = 'q'.repeat(60);
      // orders-dev- + 60 + -dlq.fifo = 80 characters: the limit exactly.
      expect(() => new SqsConsumer(stack, id, { consumer, fifo: true })).not.toThrow();
      expect(() => new SqsConsumer(stack, `${id}x`, { consumer, fifo: true })).toThrow(
        /SqsConsumer "q+x": the SQS dead-letter queue name "orders-dev-q+x-dlq.fifo" is 81 characters; AWS allows at most 80 once the "orders-dev-" prefix is added. Shorten the id by 1 character/,
      );
    });

    it('rejects a missing consumer', () => {
      const stack: ServiceStack = testStack();
      expect(
        () => new SqsConsumer(stack, 'orders', { consumer: undefined as unknown as ServiceFunction }),
      ).toThrow(/SqsConsumer "orders": consumer is missing/);
    });
  });
});
