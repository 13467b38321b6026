import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  Context,
  EventBridgeEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import type { LogSettings } from '@platform/logging';
import type { StandardResponse } from './responses';
import type { StandardSchemaV1 } from './standardSchema';

/** Reads the log level and sample rate for an invocation, e.g. from the service's settings (warm-cached). */
export type LogSettingsSource = () => LogSettings | undefined | Promise<LogSettings | undefined>;

export type StringMap = Readonly<Record<string, string>>;

/** What an HTTP domain function receives: the same shape for REST (v1) and HTTP API (v2) events. */
export interface HttpInput<TBody = unknown, TPath = StringMap, TQuery = StringMap> {
  /** The parsed JSON body, validated by `schema` if given; `undefined` when the request has none. */
  readonly body: TBody;
  /** Path parameters, validated by `pathSchema` if given; `{}` when none. */
  readonly pathParameters: TPath;
  /** Query parameters, a repeated one joined with commas (as HTTP APIs do); validated by `querySchema` if given. */
  readonly queryStringParameters: TQuery;
  /** Headers with lower-case names, repeated ones joined with commas; HTTP API cookies as `cookie`. */
  readonly headers: StringMap;
}

export interface HttpHandlerOptions<TBody, TPath, TQuery, TResult> {
  /** Schema of the JSON body (any Standard Schema v1: zod 4, valibot 1, ...). Invalid -> 400 with field errors. */
  readonly schema?: StandardSchemaV1<unknown, TBody>;
  /** Schema of the path parameters. */
  readonly pathSchema?: StandardSchemaV1<unknown, TPath>;
  /** Schema of the query parameters. */
  readonly querySchema?: StandardSchemaV1<unknown, TQuery>;
  /**
   * The domain function. Its result becomes a `success` response (200), unless it returns a response built
   * with `success()`, `skipped()` or `standardResponse()`; throw a `ClientError` for 400/401/403/404/409/429/501.
   */
  readonly handle: (input: HttpInput<TBody, TPath, TQuery>) => TResult | Promise<TResult>;
  /** Log settings read on each invocation. @default the environment's */
  readonly logSettings?: LogSettingsSource;
}

export type HttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

/** A proxy integration response, valid for both REST (v1) and HTTP API (v2). */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type HttpLambdaHandler = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

/** What an SQS domain function receives next to the message: plain values, never the record. */
export interface SqsMessageContext {
  readonly messageId: string;
  /** From the `correlationId` message attribute, else generated; also on every log line. */
  readonly correlationId: string;
  /** How many times the message has been received, this time included (`ApproximateReceiveCount`). */
  readonly receiveCount: number | undefined;
  /** FIFO queues only. */
  readonly messageGroupId: string | undefined;
  /** The String and Number message attributes. */
  readonly attributes: StringMap;
}

export interface SqsHandlerOptions<TMessage> {
  /** Schema of the message (the parsed JSON body). An invalid message is a failed record. */
  readonly schema?: StandardSchemaV1<unknown, TMessage>;
  /** The domain function, called once per record. Throwing fails that record only. */
  readonly handle: (message: TMessage, context: SqsMessageContext) => unknown;
  /** The queue receives SNS notifications without raw delivery: pass the SNS `Message` (JSON) as the message. @default false */
  readonly snsEnvelope?: boolean;
  /** Standard queues: process the records of a batch concurrently. FIFO queues are always in order. @default true */
  readonly processInParallel?: boolean;
  /** Log settings read on each invocation. @default the environment's */
  readonly logSettings?: LogSettingsSource;
}

export type SqsLambdaHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** What a scheduled (or other EventBridge) domain function receives. */
export interface ScheduleInput<TDetail = unknown> {
  readonly id: string;
  /** When the event happened: for a schedule, the scheduled time. */
  readonly time: Date;
  readonly source: string;
  readonly detailType: string;
  readonly resources: readonly string[];
  /** `{}` for schedules; validated by `schema` if given. */
  readonly detail: TDetail;
}

export interface ScheduleHandlerOptions<TDetail, TResult> {
  /** Schema of `detail`. Invalid -> the invocation fails (and is retried, then sent to the failure destination). */
  readonly schema?: StandardSchemaV1<unknown, TDetail>;
  /** The domain function. Throwing fails the invocation, so that EventBridge/Lambda retry it. */
  readonly handle: (input: ScheduleInput<TDetail>) => TResult | Promise<TResult>;
  /** Log settings read on each invocation. @default the environment's */
  readonly logSettings?: LogSettingsSource;
}

export type ScheduleLambdaHandler = (
  event: EventBridgeEvent<string, unknown>,
  context: Context,
) => Promise<StandardResponse>;
