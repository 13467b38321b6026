import { routeAwsToLoopback } from '@platform/test-helpers';

// The loopback servers of globalSetup; nothing here can reach AWS.
routeAwsToLoopback(
  { SQS: process.env.REPORTS_IT_SQS_ENDPOINT, DYNAMODB: process.env.REPORTS_IT_DYNAMODB_ENDPOINT },
  'Run these tests with apps/reports/tests/integration/jest.config.js (its globalSetup starts the servers).',
);
