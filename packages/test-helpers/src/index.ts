export { createLambdaContext } from './createLambdaContext';
export type { LambdaContextOptions } from './createLambdaContext';
export {
  apiGatewayV1Event,
  apiGatewayV2Event,
  eventBridgeEvent,
  loadEvent,
  snsEvent,
  sqsEvent,
} from './loadEvent';
export type {
  ApiGatewayV1EventName,
  ApiGatewayV2EventName,
  EventBridgeEventName,
  SampleEventName,
  SnsEventName,
  SqsEventName,
} from './loadEvent';
export { buildSqsEvent } from './buildSqsEvent';
export type { SqsTestEventOptions, SqsTestMessage } from './buildSqsEvent';
export { apiGatewayV1Request, apiGatewayV2Request } from './buildHttpEvent';
export type { HttpTestRequest } from './buildHttpEvent';
export { buildEventBridgeEvent } from './buildEventBridgeEvent';
export type { EventBridgeTestEvent } from './buildEventBridgeEvent';
export { captureLogs } from './captureLogs';
export type { LogCapture, LogLine } from './captureLogs';
export { routeAwsToLoopback } from './routeAwsToLoopback';
export type { LoopbackEndpoints } from './routeAwsToLoopback';
