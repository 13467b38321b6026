import {
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
} from '../../src/errors';
import { HTTP_STATUS } from '../../src/status';

describe('Class: ClientError hierarchy', () => {
  it.each([
    // Built inside the test (not when the table is collected), so that coverage per test, as mutation
    // testing reads it, sees these tests run the constructors.
    ['BadRequestError', () => new BadRequestError('Bad'), 'badRequest', 'Bad', 400],
    [
      'NotAuthenticatedError',
      () => new NotAuthenticatedError(),
      'notAuthenticated',
      'Not authenticated',
      401,
    ],
    ['UnauthorizedError', () => new UnauthorizedError(), 'unauthorized', 'Not authorized', 403],
    ['NotImplementedError', () => new NotImplementedError(), 'notImplemented', 'Not implemented', 501],
  ])('%s has that name, status %s and a default message', (name, create, status, message, httpStatus) => {
    const error = create();
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
    expect(error.message).toBe(message);
    expect(error.data).toBeNull();
    expect(HTTP_STATUS[error.status]).toBe(httpStatus);
  });

  it.each([
    ['NotFoundError', () => new NotFoundError(), 'notFound', 'Not found', 404],
    ['ConflictError', () => new ConflictError(), 'conflict', 'Conflict', 409],
    ['TooManyRequestsError', () => new TooManyRequestsError(), 'tooManyRequests', 'Too many requests', 429],
  ])(
    '%s (a service answer) has that name, status %s and a default message',
    (name, create, status, message, httpStatus) => {
      const error = create();
      expect(error).toBeInstanceOf(ClientError);
      expect(error.name).toBe(name);
      expect(error.status).toBe(status);
      expect(error.message).toBe(message);
      expect(error.data).toBeNull();
      expect(HTTP_STATUS[error.status]).toBe(httpStatus);
    },
  );

  it('carries data for the client and a cause for the logs', () => {
    const cause = new Error('lower level');
    const error = new UnauthorizedError('Not your order', { orderId: 'o-1' }, { cause });

    expect(error.data).toEqual({ orderId: 'o-1' });
    expect(error.cause).toBe(cause);
  });

  it('lets callers catch broadly or narrowly', () => {
    const thrown: unknown = new NotAuthenticatedError();

    expect(thrown instanceof ClientError && thrown.status).toBe('notAuthenticated');
    expect(thrown instanceof BadRequestError).toBe(false);
  });
});

describe('Class: UnexpectedEventError', () => {
  it('says what was expected, what came, and where to look', () => {
    const error = new UnexpectedEventError('sqsHandler', 'an SQS event', 'received null');

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ClientError);
    expect(error.name).toBe('UnexpectedEventError');
    expect(error.message).toBe(
      'sqsHandler: expected an SQS event, but received null. Check the trigger wired to this function.',
    );
  });
});

describe('Class: HandlerConfigError', () => {
  it('is a named Error with the given message, not a client error', () => {
    const error = new HandlerConfigError('httpHandler: unknown option "handler".');

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ClientError);
    expect(error.name).toBe('HandlerConfigError');
    expect(error.message).toBe('httpHandler: unknown option "handler".');
  });
});
