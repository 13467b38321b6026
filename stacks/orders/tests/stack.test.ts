import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import OrdersStack from '../src/stack';

// Needs the app's bundles: the test target depends on `orders:build`.
const config = {
  organization: 'acme',
  repository: 'acme/platform',
  service: 'orders',
  environment: 'dev',
  team: 'commerce',
  accountId: '111111111111',
  region: 'eu-west-1',
  deployRoleArn: 'arn:aws:iam::111111111111:role/acme-platform-deploy',
  stateBucket: 'acme-tfstate-111111111111-eu-west-1',
  stateKey: 'orders/dev/terraform.tfstate',
  alarmTopicArn: 'arn:aws:sns:eu-west-1:111111111111:acme-alarms',
  artifactsDir: join(__dirname, '..', '..', '..', 'dist', 'apps', 'orders'),
};

describe('OrdersStack', () => {
  const stack = new OrdersStack(Testing.app() as App, 'orders-dev', config);
  const synthesized = Testing.synth(stack);

  it('deploys create-order from its bundle on Node.js 22, arm64', () => {
    expect(synthesized).toHaveResourceWithProperties({ tfResourceType: 'aws_lambda_function' }, {
      function_name: 'orders-dev-create-order',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
    });
  });

  it('gives the function a log group with retention', () => {
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cloudwatch_log_group' },
      { name: '/aws/lambda/orders-dev-create-order', retention_in_days: 30 },
    );
  });
});
