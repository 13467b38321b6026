// By package name, as the integration tests of packages and apps import it.
import { startLocalDynamoDb, startLocalSqs } from '@platform/local-servers';

export default async function globalSetup() {
  const [sqs, dynamodb] = await Promise.all([
    startLocalSqs({ region: 'eu-central-1' }),
    startLocalDynamoDb(),
  ]);
  process.env.LOCAL_SERVERS_SQS = JSON.stringify({ endpoint: sqs.endpoint, port: sqs.port });
  process.env.LOCAL_SERVERS_DYNAMODB = JSON.stringify({ endpoint: dynamodb.endpoint, port: dynamodb.port });
  globalThis.__localServers = [sqs, dynamodb];
}
