// The loopback servers of tools/invoke, shared by every test file; workers inherit the environment.
import { startLocalDynamoDb } from '../../../../tools/invoke/local-dynamodb.mjs';
import { startLocalSqs } from '../../../../tools/local-sqs.mjs';

export default async function globalSetup() {
  const [sqs, dynamodb] = await Promise.all([startLocalSqs(), startLocalDynamoDb()]);
  process.env.ORDERS_IT_SQS_ENDPOINT = sqs.endpoint;
  process.env.ORDERS_IT_DYNAMODB_ENDPOINT = dynamodb.endpoint;
  globalThis.__ordersIntegrationServers = [sqs, dynamodb];
}
