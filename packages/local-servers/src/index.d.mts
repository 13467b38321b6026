export { startLocalDynamoDb } from './dynamodb.mjs';
export type { LocalDynamoDb } from './dynamodb.mjs';
export { startLocalSqs } from './sqs.mjs';
export type { LocalSqs } from './sqs.mjs';
