// The loopback servers of tools/invoke and npm run dev, shared by every test file; workers inherit the environment.
import { startLocalDynamoDb, startLocalSqs } from '@platform/local-servers';

export default async function globalSetup() {
  const [sqs, dynamodb] = await Promise.all([startLocalSqs(), startLocalDynamoDb()]);
  process.env.ORDERS_IT_SQS_ENDPOINT = sqs.endpoint;
  process.env.ORDERS_IT_DYNAMODB_ENDPOINT = dynamodb.endpoint;
  globalThis.__ordersIntegrationServers = [sqs, dynamodb];
}
