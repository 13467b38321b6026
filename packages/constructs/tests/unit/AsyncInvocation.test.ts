import { Testing } from 'cdktf';
import { ASYNC_DLQ_SUFFIX } from '../../src/AsyncInvocation';
import { NAME_LIMITS } from '../../src/names';
import { policy, resourceWith, resourcesOf, synthJson, testFunction, testStack } from '../helpers';

describe('Class: AsyncInvocation', () => {
  it('sends failed async events of the live alias to an encrypted DLQ after 2 retries, within an hour', () => {
    // Prepare
    const stack = testStack();
    testFunction(stack, 'notify', { asyncInvocation: {} });

    // Act
    const synthesized = Testing.synth(stack);
    const json = JSON.parse(synthesized);

    // Assess
    const config = resourcesOf(json, 'aws_lambda_function_event_invoke_config')[0];
    expect(config).toMatchObject({
      qualifier: expect.stringMatching(/aws_lambda_alias\.notify_live_\w+\.name/),
      maximum_retry_attempts: 2,
      maximum_event_age_in_seconds: 3600,
      destination_config: {
        on_failure: {
          destination: expect.stringMatching(/^\$\{aws_sqs_queue\.notify_async_dlq_\w+\.arn\}$/),
        },
      },
    });
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_sqs_queue' },
      {
        name: 'orders-dev-notify-async-dlq',
        sqs_managed_sse_enabled: true,
        message_retention_seconds: 1209600,
      },
    );
    const send = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'send-async-failures');
    expect(policy(send.policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: expect.stringMatching(/aws_sqs_queue\.notify_async_dlq_\w+\.arn/),
      },
    ]);
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cloudwatch_metric_alarm' },
      {
        alarm_name: 'orders-dev-notify-async-dlq-depth',
        metric_name: 'ApproximateNumberOfMessagesVisible',
        threshold: 0,
        comparison_operator: 'GreaterThanThreshold',
      },
    );
  });

  it('takes retry attempts and maximum event age', () => {
    const stack = testStack();
    testFunction(stack, 'notify', { asyncInvocation: { retryAttempts: 0, maxEventAge: 60 } });

    expect(Testing.synth(stack)).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lambda_function_event_invoke_config' },
      { maximum_retry_attempts: 0, maximum_event_age_in_seconds: 60 },
    );
  });

  it.each([
    [
      { retryAttempts: 3 },
      /Function "notify": asyncInvocation.retryAttempts 3 is out of range. AWS allows 0–2 retries/,
    ],
    [
      { maxEventAge: 30 },
      /Function "notify": asyncInvocation.maxEventAge 30 is out of range. AWS allows 60–21600 seconds/,
    ],
  ])('rejects %j', (asyncInvocation, message) => {
    expect(() => testFunction(testStack(), 'notify', { asyncInvocation })).toThrow(message);
  });

  it('is configured once per function', () => {
    const fn = testFunction(testStack(), 'notify', { asyncInvocation: {} });

    expect(() => fn.configureAsyncInvocation()).toThrow(
      /Function "notify": async invocation is already configured/,
    );
  });

  it('names the DLQ after the function, within the SQS limit even for the longest function name', () => {
    // The longest function name Lambda allows: 64 characters ("orders-dev-" + 53).
    const stack = testStack();
    testFunction(stack, 'a'.repeat(53), { asyncInvocation: {} });

    const names = Object.values(
      synthJson(stack).resource.aws_sqs_queue as Record<string, { name: string }>,
    ).map((q) => q.name);

    expect(names).toEqual([`orders-dev-${'a'.repeat(53)}-async-dlq`]);
    expect(names[0]).toHaveLength(74);
    // Why the construct needs no length check of its own: if these limits ever change, add one.
    expect(NAME_LIMITS.lambdaFunction + ASYNC_DLQ_SUFFIX.length).toBeLessThanOrEqual(NAME_LIMITS.sqsQueue);
    expect(() => testFunction(testStack(), 'a'.repeat(54), { asyncInvocation: {} })).toThrow(
      /name "orders-dev-a{54}" is 65 characters; AWS allows at most 64/,
    );
  });
});
