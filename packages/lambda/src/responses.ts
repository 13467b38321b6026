import { isResponseStatus, type ResponseStatus } from './status';

/** The body of every HTTP response, and the result of scheduled invocations. */
export interface StandardResponse<T = unknown> {
  readonly status: ResponseStatus;
  readonly message: string;
  readonly data: T | null;
}

// Marks responses built here, so a domain result that merely has these three fields is still data.
const BUILT_HERE = Symbol.for('@platform/lambda/StandardResponse');

/** A standard response with any status; prefer `success()`, `skipped()` and the error classes. */
export function standardResponse<T>(status: ResponseStatus, message: string, data?: T): StandardResponse<T> {
  if (!isResponseStatus(status)) {
    throw new TypeError(`standardResponse: unknown status ${JSON.stringify(status)}.`);
  }
  const response = { status, message, data: data ?? null };
  Object.defineProperty(response, BUILT_HERE, { value: true });
  return Object.freeze(response);
}

/** The work was done: HTTP 200. A domain function may also just return its data. */
export function success<T>(data?: T, message = 'OK'): StandardResponse<T> {
  return standardResponse('success', message, data);
}

/** Nothing to do (e.g. a duplicate message): HTTP 200, status `skipped`. */
export function skipped<T>(message: string, data?: T): StandardResponse<T> {
  return standardResponse('skipped', message, data);
}

/** Whether a value was built by `standardResponse()` or one of its helpers. */
export function isStandardResponse(value: unknown): value is StandardResponse {
  return typeof value === 'object' && value !== null && BUILT_HERE in value;
}

/** A domain result as a standard response: a built response as is, anything else as `success` data. */
export function toStandardResponse(result: unknown): StandardResponse {
  return isStandardResponse(result) ? result : success(result);
}
