import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { PlatformStack, type PlatformStackOptions } from '../../src/PlatformStack';

/** A stack like the bootstrap stack: the base alone, applied with the caller's own credentials. */
class AccountStack extends PlatformStack {
  constructor(scope: Construct, id: string, options: PlatformStackOptions) {
    super(scope, id, options);
  }
}

const options: PlatformStackOptions = {
  accountId: '222222222222',
  region: 'eu-central-1',
  tags: { account: 'commerce-dev', 'managed-by': 'cdktf', stack: 'bootstrap' },
  stateBucket: 'acme-tfstate-222222222222-eu-central-1',
  stateKey: 'bootstrap/eu-central-1/terraform.tfstate',
};
const synthOf = (stack: PlatformStack) => JSON.parse(Testing.synth(stack)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON

describe('Class: PlatformStack', () => {
  it('pins the provider to the account and tags every resource, with no role when none is given', () => {
    const stack = new AccountStack(Testing.app(), 'bootstrap-commerce-dev', options);

    expect(synthOf(stack).provider.aws).toEqual([
      {
        region: 'eu-central-1',
        allowed_account_ids: ['222222222222'],
        default_tags: [{ tags: { account: 'commerce-dev', 'managed-by': 'cdktf', stack: 'bootstrap' } }],
      },
    ]);
  });

  it('assumes the given role', () => {
    const stack = new AccountStack(Testing.app(), 'orders-dev', {
      ...options,
      assumeRole: {
        roleArn: 'arn:aws:iam::222222222222:role/acme-platform-deploy',
        sessionName: 'orders-dev',
      },
    });

    expect(synthOf(stack).provider.aws[0].assume_role).toEqual([
      { role_arn: 'arn:aws:iam::222222222222:role/acme-platform-deploy', session_name: 'orders-dev' },
    ]);
  });

  it('keeps state encrypted and locked in the given bucket and key', () => {
    const stack = new AccountStack(Testing.app(), 'bootstrap-commerce-dev', options);

    expect(synthOf(stack).terraform.backend.s3).toEqual({
      bucket: 'acme-tfstate-222222222222-eu-central-1',
      key: 'bootstrap/eu-central-1/terraform.tfstate',
      region: 'eu-central-1',
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('checks the guardrails at synth', () => {
    const stack = new AccountStack(Testing.app(), 'bootstrap-commerce-dev', options);
    new SqsQueue(stack, 'plain', { name: 'plain' });

    expect(() => Testing.synth(stack)).toThrow(/PLAT-SQS-3 — aws_sqs_queue\.plain/);
  });
});
