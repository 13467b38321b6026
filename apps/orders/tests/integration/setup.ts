import { join } from 'node:path';
import { routeAwsToLoopback } from '@platform/test-helpers';

// The loopback servers of globalSetup; nothing here can reach AWS.
routeAwsToLoopback(
  {
    SQS: process.env.ORDERS_IT_SQS_ENDPOINT,
    // fauxqs speaks SNS on the same port: the order.accepted stream's topic.
    SNS: process.env.ORDERS_IT_SQS_ENDPOINT,
    DYNAMODB: process.env.ORDERS_IT_DYNAMODB_ENDPOINT,
  },
  'Run these tests with apps/orders/tests/integration/jest.config.js (its globalSetup starts the servers).',
);
Object.assign(process.env, {
  SERVICE: 'orders',
  AWS_LAMBDA_FUNCTION_NAME: 'orders-test',
  SETTINGS_PROVIDER: 'local',
  SETTINGS_FILE: join(__dirname, '..', 'settings.json'),
  SETTINGS_ALLOW_LOCAL: 'true',
});
