export { httpHandler } from './httpHandler';
export { sqsHandler } from './sqsHandler';
export { scheduleHandler } from './scheduleHandler';
export { captureAwsSdk } from './captureAwsSdk';
export { METRICS_NAMESPACE } from './invocationMetrics';
export { isStandardResponse, skipped, standardResponse, success, toStandardResponse } from './responses';
export type { StandardResponse } from './responses';
export { requireEnvFor } from './requireEnv';
export { HTTP_STATUS } from './status';
export type { ClientErrorStatus, ResponseStatus } from './status';
export {
  BadRequestError,
  ClientError,
  ConflictError,
  HandlerConfigError,
  NotAuthenticatedError,
  NotFoundError,
  NotImplementedError,
  TooManyRequestsError,
  UnauthorizedError,
  UnexpectedEventError,
} from './errors';
export type { FieldError } from './validateInput';
export type { InferOutput, StandardSchemaIssue, StandardSchemaV1 } from './standardSchema';
export type {
  HttpEvent,
  HttpHandlerOptions,
  HttpInput,
  HttpLambdaHandler,
  HttpResponse,
  LogSettingsSource,
  ScheduleHandlerOptions,
  ScheduleInput,
  ScheduleLambdaHandler,
  SqsHandlerOptions,
  SqsLambdaHandler,
  SqsMessageContext,
  StringMap,
} from './types';
