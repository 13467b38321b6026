export { startLocalDynamoDb } from './dynamodb.mjs';
export { startLocalSqs } from './sqs.mjs';
