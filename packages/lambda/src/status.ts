/** The statuses of the standard response, and their HTTP status codes: the one place that maps them. */
export const HTTP_STATUS = {
  success: 200,
  skipped: 200,
  badRequest: 400,
  notAuthenticated: 401,
  unauthorized: 403,
  notFound: 404,
  conflict: 409,
  tooManyRequests: 429,
  error: 500,
  notImplemented: 501,
} as const satisfies Record<string, number>;

export type ResponseStatus = keyof typeof HTTP_STATUS;

/** The statuses a domain function reports by throwing a `ClientError`. */
export type ClientErrorStatus =
  | 'badRequest'
  | 'notAuthenticated'
  | 'unauthorized'
  | 'notFound'
  | 'conflict'
  | 'tooManyRequests'
  | 'notImplemented';

export function isResponseStatus(value: unknown): value is ResponseStatus {
  return typeof value === 'string' && Object.hasOwn(HTTP_STATUS, value);
}
