import { App, Testing } from 'cdktf';
import { GuardrailViolationError } from '../../src/errors';
import {
  AwsManagedPolicyStack,
  PlainHttpQueueStack,
  UnjustifiedWildcardStack,
} from '../fixtures/ViolationStacks';
import { baseConfig, writeBundles } from '../helpers';

/** The synth's error, with construct hashes removed. */
function synthError(build: (app: App) => unknown): string[] {
  writeBundles(baseConfig.artifactsDir, 'create-order');
  const app = Testing.app() as App;
  const stack = build(app);
  try {
    Testing.synth(stack as Parameters<typeof Testing.synth>[0]);
  } catch (error) {
    expect(error).toBeInstanceOf(GuardrailViolationError);
    return (error as GuardrailViolationError).violations.map((v) => v.replace(/_[0-9A-F]{8}\b/g, ''));
  }
  throw new Error('synth passed');
}

describe('Fixtures: a stack breaking each rule of issue 18 fails its synth, naming resource, rule and fix', () => {
  it('PLAT-SQS-4: a queue without a TLS-only policy', () => {
    expect(synthError((app) => new PlainHttpQueueStack(app, 'orders-dev', baseConfig))).toEqual([
      'PLAT-SQS-4 — aws_sqs_queue.imports (orders-dev/imports) — has no queue policy, so it accepts plain HTTP — ' +
        'deny sqs:* to every principal ("*") when aws:SecureTransport is false, in the one policy of the queue ' +
        '(Queue and SqsConsumer do; for another queue QueuePolicy.of(queue), which starts with that statement)',
    ]);
  });

  it('PLAT-IAM-3: an AWS-managed policy on a role', () => {
    expect(synthError((app) => new AwsManagedPolicyStack(app, 'bootstrap-commerce-dev', baseConfig))).toEqual(
      [
        'PLAT-IAM-3 — aws_iam_role_policy_attachment.auditor-read-only (bootstrap-commerce-dev/auditor-read-only) — ' +
          'attaches the AWS-managed policy ReadOnlyAccess (arn:aws:iam::aws:policy/ReadOnlyAccess) — ' +
          'attach a customer managed policy with only the actions needed instead of ReadOnlyAccess, or suppress PLAT-IAM-3 ' +
          'on this attachment with the reason it is deliberate',
      ],
    );
  });

  it('PLAT-IAM-4: a wildcard no rule knows and no suppression names', () => {
    const prefix = 'arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*';
    expect(synthError((app) => new UnjustifiedWildcardStack(app, 'orders-dev', baseConfig))).toEqual([
      'PLAT-IAM-4 — aws_iam_role_policy.create-order_invoke-siblings (orders-dev/create-order/invoke-siblings) — ' +
        `policy allows lambda:InvokeFunction on the wildcard resource ${prefix} — name the exact resource, or if the ` +
        "wildcard is deliberate suppress PLAT-IAM-4 on the policy with this pattern and a reason: suppress(policy, 'PLAT-IAM-4', " +
        `'<why>', { appliesTo: ['Resource::${prefix}'] })`,
    ]);
  });
});
