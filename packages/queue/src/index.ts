export { sendMessages, MAX_MESSAGE_BYTES } from './sendMessages';
export { getSqsClient, resetSqsClients } from './sqsClient';
export {
  publishEvents,
  streamTopicVariable,
  type EventMessage,
  type PublishEventsOptions,
  type SnsPublisher,
} from './publishEvents';
export { getSnsClient, resetSnsClients } from './snsClient';
export type { SnsClientOptions } from './snsClient';
export type { SqsClientOptions } from './sqsClient';
export { messageSize } from './messageSize';
export { MAX_BATCH_ENTRIES } from './chunkEntries';
export {
  InvalidMessageError,
  MessageTooLargeError,
  QueueError,
  QueueOptionsError,
  SendMessagesError,
} from './errors';
export type {
  FailedMessage,
  MessageAttribute,
  QueueLogger,
  QueueMessage,
  SendMessagesOptions,
  SendMessagesResult,
  SentMessage,
  SqsSender,
} from './types';
