// Real servers on 127.0.0.1, once for every test file (workers inherit the environment):
// SQS (fauxqs) and DynamoDB (dynalite), from @platform/local-servers.
import { startLocalDynamoDb, startLocalSqs } from '@platform/local-servers';

export default async function globalSetup() {
  const [sqs, dynamodb] = await Promise.all([startLocalSqs(), startLocalDynamoDb()]);
  process.env.REPORTS_IT_SQS_ENDPOINT = sqs.endpoint;
  process.env.REPORTS_IT_DYNAMODB_ENDPOINT = dynamodb.endpoint;
  globalThis.__reportsIntegration = [sqs, dynamodb];
}
