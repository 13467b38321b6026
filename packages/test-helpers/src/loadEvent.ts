import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  EventBridgeEvent,
  SNSEvent,
  SQSEvent,
} from 'aws-lambda';

/** Real sample events in ../events (origins and licences in events/SOURCES.md). */
export type SqsEventName =
  | 'sqs-standard-batch.powertools-ts'
  | 'sqs-standard-batch.sam-rendered'
  | 'sqs-standard-message-attributes.aws-lambda-go'
  | 'sqs-fifo.lambda-docs'
  | 'sqs-fifo-batch.derived-from-lambda-docs'
  | 'sqs-fifo-sns-envelope.powertools-python';
export type ApiGatewayV1EventName =
  | 'apigw-rest-v1-proxy.powertools-ts'
  | 'apigw-rest-v1-proxy.aws-lambda-go'
  | 'apigw-rest-v1-proxy.sam-rendered';
export type ApiGatewayV2EventName =
  | 'apigw-http-v2-proxy.powertools-ts'
  | 'apigw-http-v2-proxy-jwt.powertools-ts'
  | 'apigw-http-v2-proxy.sam-rendered';
export type EventBridgeEventName =
  | 'eventbridge-scheduled.lambda-docs'
  | 'eventbridge-scheduled.sam-rendered'
  | 'eventbridge-ec2-state-change.powertools-ts';
export type SnsEventName = 'sns-notification.powertools-ts';
export type SampleEventName =
  SqsEventName | ApiGatewayV1EventName | ApiGatewayV2EventName | EventBridgeEventName | SnsEventName;

const EVENTS_DIR = join(__dirname, '..', 'events');

/** A fresh copy of a sample event on every call, so a test may change it freely. */
export function loadEvent<T = unknown>(name: SampleEventName): T {
  return JSON.parse(readFileSync(join(EVENTS_DIR, `${name}.json`), 'utf8')) as T;
}

export const sqsEvent = (name: SqsEventName = 'sqs-standard-batch.powertools-ts'): SQSEvent =>
  loadEvent<SQSEvent>(name);

export const apiGatewayV1Event = (
  name: ApiGatewayV1EventName = 'apigw-rest-v1-proxy.powertools-ts',
): APIGatewayProxyEvent => loadEvent<APIGatewayProxyEvent>(name);

export const apiGatewayV2Event = (
  name: ApiGatewayV2EventName = 'apigw-http-v2-proxy.powertools-ts',
): APIGatewayProxyEventV2 => loadEvent<APIGatewayProxyEventV2>(name);

export const eventBridgeEvent = <TDetail = unknown>(
  name: EventBridgeEventName = 'eventbridge-scheduled.lambda-docs',
): EventBridgeEvent<string, TDetail> => loadEvent<EventBridgeEvent<string, TDetail>>(name);

export const snsEvent = (name: SnsEventName = 'sns-notification.powertools-ts'): SNSEvent =>
  loadEvent<SNSEvent>(name);
