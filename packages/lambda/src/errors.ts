import type { ClientErrorStatus } from './status';

/**
 * An error whose message and data the client may see. Domain code throws a subclass; the HTTP wrapper answers
 * with its status, message and data. Any other error becomes a generic 500 with the correlation ID.
 */
export abstract class ClientError extends Error {
  abstract readonly status: ClientErrorStatus;
  /** Returned as the response's `data`. */
  readonly data: unknown;

  constructor(message: string, data?: unknown, options?: ErrorOptions) {
    super(message, options);
    this.data = data ?? null;
  }
}

/** The request is invalid (HTTP 400). `data` may say which fields. */
export class BadRequestError extends ClientError {
  readonly status = 'badRequest';
  constructor(message: string, data?: unknown, options?: ErrorOptions) {
    super(message, data, options);
    this.name = 'BadRequestError';
  }
}

/** The caller is not authenticated (HTTP 401). */
export class NotAuthenticatedError extends ClientError {
  readonly status = 'notAuthenticated';
  constructor(message = 'Not authenticated', data?: unknown, options?: ErrorOptions) {
    super(message, data, options);
    this.name = 'NotAuthenticatedError';
  }
}

/** The caller is authenticated but may not do this (HTTP 403). */
export class UnauthorizedError extends ClientError {
  readonly status = 'unauthorized';
  constructor(message = 'Not authorized', data?: unknown, options?: ErrorOptions) {
    super(message, data, options);
    this.name = 'UnauthorizedError';
  }
}

/** What the request names does not exist, e.g. `GET /payments/{id}` for an unknown id (HTTP 404). */
export class NotFoundError extends ClientError {
  readonly status = 'notFound';
  constructor(message = 'Not found', data?: unknown, options?: ErrorOptions) {
    super(message, data, options);
    this.name = 'NotFoundError';
  }
}

/** The request contradicts the current state, e.g. a duplicate or a stale version (HTTP 409). */
export class ConflictError extends ClientError {
  readonly status = 'conflict';
  constructor(message = 'Conflict', data?: unknown, options?: ErrorOptions) {
    super(message, data, options);
    this.name = 'ConflictError';
  }
}

/** The caller sent too many requests; it should slow down and retry later (HTTP 429). */
export class TooManyRequestsError extends ClientError {
  readonly status = 'tooManyRequests';
  constructor(message = 'Too many requests', data?: unknown, options?: ErrorOptions) {
    super(message, data, options);
    this.name = 'TooManyRequestsError';
  }
}

/** The operation exists but is not implemented (HTTP 501). */
export class NotImplementedError extends ClientError {
  readonly status = 'notImplemented';
  constructor(message = 'Not implemented', data?: unknown, options?: ErrorOptions) {
    super(message, data, options);
    this.name = 'NotImplementedError';
  }
}

/** A wrapper was given invalid options; thrown when the wrapper is created, i.e. at init. */
export class HandlerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandlerConfigError';
  }
}

/** The function received an event of another kind than its wrapper handles: a wiring mistake. */
export class UnexpectedEventError extends Error {
  constructor(wrapper: string, expected: string, problem: string) {
    super(`${wrapper}: expected ${expected}, but ${problem}. Check the trigger wired to this function.`);
    this.name = 'UnexpectedEventError';
  }
}
