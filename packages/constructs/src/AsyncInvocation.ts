import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { checkInteger } from './checkInteger';
import type { AsyncInvocationOptions, FunctionParts } from './functionParts';
import { allow, policyDocument } from './iam';
import { deadLetterQueue } from './queues';

export const DEFAULT_ASYNC_RETRY_ATTEMPTS = 2;
export const DEFAULT_MAX_EVENT_AGE_S = 3600;

export function validateAsyncOptions(fn: string, options: AsyncInvocationOptions): void {
  const construct = `Function "${fn}"`;
  checkInteger(construct, 'asyncInvocation.retryAttempts', options.retryAttempts, 0, 2, 'retries');
  checkInteger(construct, 'asyncInvocation.maxEventAge', options.maxEventAge, 60, 21600, 'seconds');
}

/** Appended to the function name for the async DLQ's name. */
export const ASYNC_DLQ_SUFFIX = '-async-dlq';
/**
 * How Lambda handles asynchronous invocations of the `live` alias (schedules, SNS, EventBridge):
 * retries, a maximum event age, and an encrypted on-failure DLQ (with its depth alarm) that the
 * function's role may send to.
 */
export class AsyncInvocation extends Construct {
  readonly deadLetterQueue: SqsQueue;
  readonly config: LambdaFunctionEventInvokeConfig;

  constructor(fn: FunctionParts, id: string, options: AsyncInvocationOptions = {}) {
    super(fn, id);
    validateAsyncOptions(fn.node.id, options);
    // No length check: the function name is at most 64 characters (checked by ServiceFunction), so
    // this is at most 74, within the 80 of SQS (a test keeps those limits in that relation).
    const name = `${fn.functionName}${ASYNC_DLQ_SUFFIX}`;

    this.deadLetterQueue = deadLetterQueue(this, 'dlq', name, fn.stack.alarmTopicArn);
    const sendPolicy = new IamRolePolicy(this, 'send-failures', {
      role: fn.role.name,
      name: 'send-async-failures',
      policy: policyDocument([allow(['sqs:SendMessage'], [this.deadLetterQueue.arn])]),
    });
    this.config = new LambdaFunctionEventInvokeConfig(this, 'config', {
      functionName: fn.function.functionName,
      qualifier: fn.alias.name,
      maximumRetryAttempts: options.retryAttempts ?? DEFAULT_ASYNC_RETRY_ATTEMPTS,
      maximumEventAgeInSeconds: options.maxEventAge ?? DEFAULT_MAX_EVENT_AGE_S,
      destinationConfig: { onFailure: { destination: this.deadLetterQueue.arn } },
      // Lambda checks the role's right to send to the destination when the config is created.
      dependsOn: [sendPolicy],
    });
  }
}
