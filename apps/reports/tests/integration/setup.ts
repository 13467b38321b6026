// Every AWS SDK client of the code under test goes to the loopback servers of globalSetup; any
// other service to a closed loopback port. Nothing here can reach AWS.
const sqs = process.env.REPORTS_IT_SQS_ENDPOINT;
const dynamodb = process.env.REPORTS_IT_DYNAMODB_ENDPOINT;
if (!sqs?.startsWith('http://127.0.0.1:') || !dynamodb?.startsWith('http://127.0.0.1:')) {
  throw new Error(
    'Run these tests with apps/reports/tests/integration/jest.config.js (its globalSetup starts the servers).',
  );
}
Object.assign(process.env, {
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_ENDPOINT_URL_SQS: sqs,
  AWS_ENDPOINT_URL_DYNAMODB: dynamodb,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
});
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
