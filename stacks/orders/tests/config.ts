import { join } from 'node:path';

export const root = join(__dirname, '..', '..', '..');

/** orders-dev as the app plans it, with the bundles `nx run orders:build` writes. */
export const config = {
  organization: 'acme',
  repository: 'acme/platform',
  service: 'orders',
  environment: 'dev',
  environments: ['dev', 'staging', 'prod'],
  team: 'commerce',
  accountId: '111111111111',
  region: 'eu-west-1',
  deployRoleArn: 'arn:aws:iam::111111111111:role/acme-platform-deploy',
  stateBucket: 'acme-tfstate-111111111111-eu-west-1',
  stateKey: 'orders/dev/terraform.tfstate',
  alarmTopicArn: 'arn:aws:sns:eu-west-1:111111111111:acme-alarms',
  artifactsDir: join(root, 'dist', 'apps', 'orders'),
  // stacks/lib/links.ts's resolution of stacks/topology.ts: reports (insights-dev) consumes order.accepted.
  links: {
    publishes: [
      {
        stream: 'order.accepted',
        topicName: 'orders-dev-order-accepted',
        consumers: [
          {
            service: 'reports',
            accountId: '444444444444',
            queueArnPattern: 'arn:aws:sqs:eu-west-1:444444444444:reports-dev-*',
          },
        ],
      },
    ],
    consumes: [],
    callers: [],
    calls: [],
    apiUrlParameterName: '/dev/orders/platform/api-url',
  },
};
