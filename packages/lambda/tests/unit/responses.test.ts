import {
  isStandardResponse,
  skipped,
  standardResponse,
  success,
  toStandardResponse,
} from '../../src/responses';
import { HTTP_STATUS, type ResponseStatus } from '../../src/status';

describe('Constant: HTTP_STATUS', () => {
  it('maps every status of the standard response to its HTTP status code', () => {
    expect(HTTP_STATUS).toEqual({
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
    });
  });
});

describe('Function: standardResponse and its helpers', () => {
  it('builds { status, message, data } with null for missing data', () => {
    expect(success()).toEqual({ status: 'success', message: 'OK', data: null });
    expect(success({ id: 1 }, 'Created')).toEqual({ status: 'success', message: 'Created', data: { id: 1 } });
    expect(skipped('Already processed')).toEqual({
      status: 'skipped',
      message: 'Already processed',
      data: null,
    });
    expect(standardResponse('notImplemented', 'Later', [1])).toEqual({
      status: 'notImplemented',
      message: 'Later',
      data: [1],
    });
  });

  it('serializes to exactly the three fields', () => {
    expect(JSON.parse(JSON.stringify(skipped('dup', { id: 'm-1' })))).toEqual({
      status: 'skipped',
      message: 'dup',
      data: { id: 'm-1' },
    });
  });

  it('returns frozen responses', () => {
    expect(Object.isFrozen(success(1))).toBe(true);
  });

  it('refuses an unknown status', () => {
    expect(() => standardResponse('created' as ResponseStatus, 'x')).toThrow(
      'standardResponse: unknown status "created".',
    );
  });
});

describe('Function: isStandardResponse / toStandardResponse', () => {
  it('recognizes built responses only, not data that happens to have the same fields', () => {
    const lookalike = { status: 'skipped', message: 'm', data: null };

    expect(isStandardResponse(skipped('m'))).toBe(true);
    expect(isStandardResponse(lookalike)).toBe(false);
    expect(isStandardResponse(null)).toBe(false);
    expect(toStandardResponse(lookalike)).toEqual({ status: 'success', message: 'OK', data: lookalike });
  });

  it('passes a built response through and wraps anything else as success data', () => {
    const response = skipped('dup');

    expect(toStandardResponse(response)).toBe(response);
    expect(toStandardResponse(undefined)).toEqual({ status: 'success', message: 'OK', data: null });
    expect(toStandardResponse(0)).toEqual({ status: 'success', message: 'OK', data: 0 });
  });
});
