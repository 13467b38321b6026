import type {
  MessageAttributeValue,
  SendMessageBatchCommand,
  SendMessageBatchCommandOutput,
} from '@aws-sdk/client-sqs';
import type { StructuredLogger } from '@platform/logging';

/**
 * The logger the sender reports through: the platform's shared logger shape, the one caching uses
 * too (a type only, so the bundle gains nothing from it). Kept under this name for existing callers.
 */
export type QueueLogger = StructuredLogger;

/** What `sendMessages` needs of a client: an `SQSClient`, or a wrapper of one in tests. */
export interface SqsSender {
  send(command: SendMessageBatchCommand): Promise<SendMessageBatchCommandOutput>;
}

/** A message attribute: strings and numbers get their SQS data type; `Uint8Array` is Binary. */
export type MessageAttribute = string | number | Uint8Array | MessageAttributeValue;

export interface QueueMessage {
  /** A string is sent as is; anything else as JSON. */
  readonly body: string | object;
  /** Your name for the message in the result (e.g. an order ID). @default its index in `items`, as a string */
  readonly id?: string;
  /** FIFO: the message group (required on FIFO queues). */
  readonly groupId?: string;
  /** FIFO: the deduplication ID (optional when the queue has content-based deduplication). */
  readonly deduplicationId?: string;
  /** Standard queues: seconds before the message becomes visible, 0-900. */
  readonly delaySeconds?: number;
  /** Message attributes (at most 10, including `correlationId`). */
  readonly attributes?: Readonly<Record<string, MessageAttribute>>;
  /** The correlation ID of this message. @default the option, else the current invocation's (`getCorrelationId()`) */
  readonly correlationId?: string;
}

export interface SendMessagesOptions {
  /** The client to send with. @default one SQSClient per container, created on first use */
  readonly client?: SqsSender;
  /** Endpoint of the default client (local servers, tests). @default the SDK's: env `AWS_ENDPOINT_URL_SQS`, else AWS */
  readonly endpoint?: string;
  /** Region of the default client. @default the SDK's: env `AWS_REGION` */
  readonly region?: string;
  /** Correlation ID for messages without their own. @default `getCorrelationId()` of @platform/logging */
  readonly correlationId?: string;
  /** Attempts per message, the first included; only entries that failed are sent again. @default 3 */
  readonly maxAttempts?: number;
  /** Backoff before the n-th retry: a random delay up to `min(maxDelayMs, baseDelayMs * 2^(n-1))`. @default 50 */
  readonly baseDelayMs?: number;
  /** @default 2000 */
  readonly maxDelayMs?: number;
  /** Batches in flight at once on standard queues; FIFO queues always send one batch at a time, in order, with at most one message per group. @default 5 */
  readonly concurrency?: number;
  /** Throw a `SendMessagesError` when any message is still unsent after the retries. @default false (returned in `failed`) */
  readonly throwOnFailure?: boolean;
  /** Largest message, and largest batch, in bytes (body + attribute names, types and values). @default 262_144 (256 KiB) */
  readonly maxBytes?: number;
  /** Where unsent messages are reported. @default JSON lines on the console */
  readonly logger?: StructuredLogger;
  /** For tests: the random source of the backoff jitter. @default Math.random */
  readonly random?: () => number;
  /** For tests: how to wait between attempts. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface SentMessage {
  /** The message's `id`, or its index as a string. */
  readonly id: string;
  /** Its position in `items`. */
  readonly index: number;
  readonly messageId: string;
  /** FIFO queues only. */
  readonly sequenceNumber?: string;
}

export interface FailedMessage<T extends QueueMessage = QueueMessage> {
  readonly id: string;
  readonly index: number;
  readonly item: T;
  /** The SQS error code (e.g. `InternalError`, `AccessDenied`), or `PrecedingMessageFailed` (FIFO: an earlier message of its group is unsent, so it was not sent). */
  readonly code: string;
  readonly message: string;
  /** True when the request was wrong (not retried); false when SQS or the network failed (retried). */
  readonly senderFault: boolean;
  /** How many times it was sent (0: not sent, because of an earlier failure). */
  readonly attempts: number;
}

/** Every item ends up in exactly one of the two lists, both in the order of `items`. */
export interface SendMessagesResult<T extends QueueMessage = QueueMessage> {
  readonly sent: SentMessage[];
  readonly failed: FailedMessage<T>[];
}
