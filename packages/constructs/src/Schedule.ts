import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { invalidScheduleExpression, scheduleTargetMissing } from './errors';
import { checkInteger } from './checkInteger';
import { allow, assumeRolePolicy, policyDocument } from './iam';
import { LIVE_ALIAS, NAME_LIMITS, checkedId, checkedName } from './names';
import { deadLetterQueue } from './queues';
import { isScheduleExpression } from './syntax';
import type { ServiceFunction } from './ServiceFunction';
import type { ServiceStack } from './ServiceStack';

export interface ScheduleProps {
  /** The function to invoke (its `live` alias, asynchronously). */
  readonly target: ServiceFunction;
  /** `rate(5 minutes)`, `cron(0 3 * * ? *)` or `at(2030-01-01T00:00:00)`. */
  readonly expression: string;
  /** IANA time zone of cron and at expressions. @default 'UTC' */
  readonly timezone?: string;
  /** The event the function receives, as JSON. @default EventBridge Scheduler's default (none) */
  readonly input?: Readonly<Record<string, unknown>>;
  /** Retries when the invocation itself fails (throttling, function missing), 0–185. @default 3 */
  readonly retryAttempts?: number;
  /** Seconds the scheduler keeps trying before the event goes to the DLQ, 60–86400. @default 3600 */
  readonly maxEventAge?: number;
  /** @default true */
  readonly enabled?: boolean;
  readonly description?: string;
}

export const DEFAULT_SCHEDULE_RETRY_ATTEMPTS = 3;
export const DEFAULT_SCHEDULE_MAX_EVENT_AGE_S = 3600;

/**
 * An EventBridge Scheduler schedule invoking a function's `live` alias, with a retry policy, an
 * encrypted DLQ for events it could not deliver, and a role that may invoke only that alias.
 * The function gets the async-invocation defaults (retries and its own on-failure DLQ) if it has none.
 */
export class Schedule extends Construct {
  readonly schedule: SchedulerSchedule;
  readonly role: IamRole;
  readonly deadLetterQueue: SqsQueue;

  constructor(stack: ServiceStack, id: string, props: ScheduleProps) {
    super(stack, checkedId(stack, id, `Schedule "${id}"`));
    const construct = `Schedule "${id}"`;
    if (!props.target) throw scheduleTargetMissing(construct);
    if (!isScheduleExpression(props.expression)) throw invalidScheduleExpression(id, props.expression);
    checkInteger(construct, 'retryAttempts', props.retryAttempts, 0, 185, 'retries');
    checkInteger(construct, 'maxEventAge', props.maxEventAge, 60, 86400, 'seconds');
    const name = checkedName(
      construct,
      'schedule name',
      stack.resourceName(id),
      NAME_LIMITS.schedule,
      stack.namePrefix,
    );
    const roleName = checkedName(
      construct,
      'IAM role name',
      `${name}-scheduler`,
      NAME_LIMITS.iamRole,
      stack.namePrefix,
    );
    const { target } = props;
    if (!target.asyncInvocation) target.configureAsyncInvocation();

    this.deadLetterQueue = deadLetterQueue(this, 'dlq', `${name}-dlq`, stack.alarmTopicArn);
    this.role = new IamRole(this, 'role', {
      name: roleName,
      assumeRolePolicy: assumeRolePolicy('scheduler.amazonaws.com', stack.config.accountId),
    });
    const policy = new IamRolePolicy(this, 'policy', {
      role: this.role.name,
      name: 'invoke-target',
      policy: policyDocument([
        allow(['lambda:InvokeFunction'], [target.aliasArnLiteral]),
        allow(['sqs:SendMessage'], [this.deadLetterQueue.arn]),
      ]),
    });
    this.schedule = new SchedulerSchedule(this, 'schedule', {
      name,
      description: props.description ?? `${id}: invokes ${target.functionName}:${LIVE_ALIAS}`,
      scheduleExpression: props.expression,
      scheduleExpressionTimezone: props.timezone ?? 'UTC',
      state: props.enabled === false ? 'DISABLED' : 'ENABLED',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: target.aliasArn,
        roleArn: this.role.arn,
        ...(props.input ? { input: JSON.stringify(props.input) } : {}),
        retryPolicy: {
          maximumRetryAttempts: props.retryAttempts ?? DEFAULT_SCHEDULE_RETRY_ATTEMPTS,
          maximumEventAgeInSeconds: props.maxEventAge ?? DEFAULT_SCHEDULE_MAX_EVENT_AGE_S,
        },
        deadLetterConfig: { arn: this.deadLetterQueue.arn },
      },
      dependsOn: [policy],
    });
  }
}
