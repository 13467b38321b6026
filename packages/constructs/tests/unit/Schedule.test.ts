import { Testing } from 'cdktf';
import { Schedule, type ScheduleProps } from '../../src/Schedule';
import type { ServiceFunction } from '../../src/ServiceFunction';
import { policy, resourceWith, resourcesOf, testFunction, testStack } from '../helpers';

describe('Class: Schedule', () => {
  describe('defaults', () => {
    const stack = testStack();
    const target = testFunction(stack, 'report');
    new Schedule(stack, 'nightly', { target, expression: 'cron(0 3 * * ? *)' });
    const json = JSON.parse(Testing.synth(stack));

    it('invokes the live alias on the expression in UTC, with retries and a DLQ', () => {
      const schedule = resourcesOf(json, 'aws_scheduler_schedule')[0];
      expect(schedule).toMatchObject({
        name: 'orders-dev-nightly',
        schedule_expression: 'cron(0 3 * * ? *)',
        schedule_expression_timezone: 'UTC',
        state: 'ENABLED',
        flexible_time_window: { mode: 'OFF' },
        target: {
          arn: expect.stringMatching(/^\$\{aws_lambda_alias\.report_live_\w+\.arn\}$/),
          retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 },
          dead_letter_config: { arn: expect.stringMatching(/aws_sqs_queue\.nightly_dlq_\w+\.arn/) },
        },
      });
      expect(resourceWith(json, 'aws_sqs_queue', (q) => q.name === 'orders-dev-nightly-dlq')).toMatchObject({
        sqs_managed_sse_enabled: true,
      });
    });

    it('uses a role that only the scheduler of this account assumes, scoped to invoking that alias', () => {
      const role = resourceWith(json, 'aws_iam_role', (r) => r.name === 'orders-dev-nightly-scheduler');
      expect(policy(role.assume_role_policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        },
      ]);
      const invoke = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'invoke-target');
      expect(policy(invoke.policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-report:live',
        },
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: expect.stringMatching(/aws_sqs_queue\.nightly_dlq_\w+\.arn/),
        },
      ]);
    });

    it('gives the target async-invocation defaults: retries and its own DLQ', () => {
      expect(resourcesOf(json, 'aws_lambda_function_event_invoke_config')[0]).toMatchObject({
        maximum_retry_attempts: 2,
      });
    });
  });

  it("keeps the target's own async configuration", () => {
    const stack = testStack();
    const target = testFunction(stack, 'report', { asyncInvocation: { retryAttempts: 0 } });
    new Schedule(stack, 'hourly', {
      target,
      expression: 'rate(1 hour)',
      input: { kind: 'hourly' },
      enabled: false,
      retryAttempts: 0,
      maxEventAge: 120,
    });
    const json = JSON.parse(Testing.synth(stack));

    expect(resourcesOf(json, 'aws_lambda_function_event_invoke_config')).toEqual([
      expect.objectContaining({ maximum_retry_attempts: 0 }),
    ]);
    expect(resourcesOf(json, 'aws_scheduler_schedule')[0]).toMatchObject({
      state: 'DISABLED',
      target: {
        input: '{"kind":"hourly"}',
        retry_policy: { maximum_retry_attempts: 0, maximum_event_age_in_seconds: 120 },
      },
    });
  });

  describe('bad input', () => {
    const make =
      (props: Partial<ScheduleProps>, id = 'nightly') =>
      () => {
        const stack = testStack();
        new Schedule(stack, id, {
          target: testFunction(stack, 'report'),
          expression: 'rate(5 minutes)',
          ...props,
        });
      };

    it.each(['rate(1 minutes)', 'rate(5 minute)', 'cron(0 3 * *)', 'every day'])(
      'rejects the expression %s',
      (expression) => {
        expect(make({ expression })).toThrow(
          new RegExp(
            `Schedule "nightly": expression "${expression.replace(/[()*?]/g, '\\$&')}" is not a schedule expression`,
          ),
        );
      },
    );

    it('rejects retries out of range', () => {
      expect(make({ retryAttempts: 186 })).toThrow(
        /Schedule "nightly": retryAttempts 186 is out of range. AWS allows 0–185/,
      );
    });

    it('rejects a missing target', () => {
      expect(make({ target: undefined as unknown as ServiceFunction })).toThrow(
        /Schedule "nightly": target is missing/,
      );
    });

    it('rejects an id too long for its role name', () => {
      expect(make({}, 's'.repeat(44))).toThrow(
        /the IAM role name "orders-dev-s+-scheduler" is 65 characters; AWS allows at most 64/,
      );
    });
  });
});
