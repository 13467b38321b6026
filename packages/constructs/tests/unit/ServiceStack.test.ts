import { Testing } from 'cdktf';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { ServiceStack } from '../../src/ServiceStack';
import { baseConfig, synthJson, testStack } from '../helpers';

describe('Class: ServiceStack', () => {
  it('pins the provider to the account, assumes the deploy role and tags every resource', () => {
    // Act
    const synthesized = Testing.synth(testStack());

    // Assess
    expect(synthesized).toHaveProviderWithProperties(
      { tfResourceType: 'aws' },
      {
        region: 'eu-west-1',
        allowed_account_ids: ['111111111111'],
        assume_role: [
          { role_arn: 'arn:aws:iam::111111111111:role/acme-platform-deploy', session_name: 'orders-dev' },
        ],
        default_tags: [
          {
            tags: {
              service: 'orders',
              environment: 'dev',
              team: 'commerce',
              repository: 'acme/platform',
              'managed-by': 'cdktf',
            },
          },
        ],
      },
    );
  });

  it('keeps state encrypted and locked in the account bucket under its own key', () => {
    const json = synthJson(testStack());

    expect(json.terraform.backend.s3).toEqual({
      bucket: 'acme-tfstate-111111111111-eu-west-1',
      key: 'orders/dev/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('names resources <service>-<environment>-<suffix> and settings /<environment>/<service>/', () => {
    const stack = testStack();

    expect(stack.resourceName('api')).toBe('orders-dev-api');
    expect(stack.settingsPath).toBe('/dev/orders/');
    expect(stack.alarmTopicArn).toBe(baseConfig.alarmTopicArn);
  });

  describe('byEnvironment', () => {
    it('returns the value of its environment, else the fallback', () => {
      const stack = testStack({ environment: 'prod', stateKey: 'orders/prod/terraform.tfstate' });

      expect(stack.byEnvironment({ prod: 5, dev: 1 })).toBe(5);
      expect(stack.byEnvironment({ staging: 2 }, 0)).toBe(0);
    });

    it('rejects a name that is not an environment of the topology', () => {
      const stack = testStack();

      expect(() => stack.byEnvironment({ prd: 5 }, 0)).toThrow(
        /ServiceStack "orders-dev": byEnvironment\(\) names unknown environment "prd". Known environments: dev, staging, prod/,
      );
    });

    it('asks for a fallback when its environment has no value', () => {
      expect(() => testStack().byEnvironment({ prod: 5 })).toThrow(
        /no value for "dev" \(given: prod\) and no fallback/,
      );
    });
  });

  describe('bad configuration', () => {
    it.each([
      [
        { environment: 'qa', stateKey: 'orders/qa/terraform.tfstate' },
        /environment names unknown environment "qa". Known environments: dev, staging, prod/,
      ],
      [{ accountId: '1234' }, /accountId "1234" is invalid. An AWS account ID is exactly 12 digits/],
      [{ region: 'europe' }, /region "europe" is invalid. Use an AWS region code/],
      [
        { alarmTopicArn: 'arn:aws:sns:us-east-1:111111111111:alarms' },
        /alarmTopicArn ".*" is invalid. Use the SNS topic ARN of the account's alarm topic in eu-west-1/,
      ],
      [
        { stateKey: 'shared/terraform.tfstate' },
        /stateKey "shared\/terraform.tfstate" is invalid. Use "orders\/dev\/terraform.tfstate"/,
      ],
      [{ service: 'Orders' }, /service "Orders" is invalid. Use lowercase kebab-case/],
    ])('rejects %j', (overrides, message) => {
      expect(() => testStack(overrides)).toThrow(message);
    });
  });

  it('fails synth when a resource breaks a guardrail', () => {
    // Prepare
    const stack = testStack();
    new SqsQueue(stack, 'plain', { name: 'orders-dev-plain' });

    // Act & Assess
    expect(() => Testing.synth(stack)).toThrow(
      /PLAT-SQS-3 — aws_sqs_queue\.plain \(orders-dev\/plain\) — has neither sqs_managed_sse_enabled/,
    );
  });

  it('is a TerraformStack with the config it was given', () => {
    const stack = testStack();

    expect(stack).toBeInstanceOf(ServiceStack);
    expect(stack.config.service).toBe('orders');
  });

  it("fails the synth when the stack holds a resource type the deploy role's table lacks", () => {
    // Prepare: a resource no construct emits, declared directly
    const stack = testStack();
    new KinesisStream(stack, 'events', { name: 'orders-dev-events', shardCount: 1 });

    // Act + Assess
    expect(() => synthJson(stack)).toThrow(
      /PLAT-DEPLOY-1 — aws_kinesis_stream\.events(_\w+)? \(orders-dev\/events\) — resource type aws_kinesis_stream is not in DEPLOY_PERMISSIONS, so the deploy role cannot create it — add aws_kinesis_stream to packages\/constructs\/src\/deployPermissions\.ts/,
    );
  });
});
