import { BadRequestError, UnexpectedEventError } from '../../src/errors';
import { parseJsonBody, readHttpRequest } from '../../src/readHttpRequest';

const expected = 'httpHandler: expected an API Gateway REST (v1) or HTTP API (v2) proxy event, but';
const check = 'Check the trigger wired to this function.';

describe('Function: readHttpRequest', () => {
  it.each([
    [null, `${expected} received null. ${check}`],
    [undefined, `${expected} received undefined. ${check}`],
    [['GET'], `${expected} received an array. ${check}`],
    ['GET /', `${expected} received a string. ${check}`],
    [{ version: '1.0' }, `${expected} the event has neither "httpMethod" (v1) nor version "2.0". ${check}`],
    [{ httpMethod: 42 }, `${expected} the event has neither "httpMethod" (v1) nor version "2.0". ${check}`],
  ])('refuses %p, saying why', (event, message) => {
    expect(() => readHttpRequest(event)).toThrow(UnexpectedEventError);
    expect(() => readHttpRequest(event)).toThrow(message);
  });

  describe('REST (v1)', () => {
    it('reads method, path, lower-cased headers, parameters and the body', () => {
      const request = readHttpRequest({
        httpMethod: 'POST',
        path: '/orders/o-1',
        headers: { 'Content-Type': 'application/json', 'X-Count': 3 },
        pathParameters: { id: 'o-1', n: 1 },
        queryStringParameters: { page: '2' },
        body: '{"a":1}',
      });

      expect(request).toEqual({
        method: 'POST',
        path: '/orders/o-1',
        headers: { 'content-type': 'application/json' },
        pathParameters: { id: 'o-1' },
        queryStringParameters: { page: '2' },
        body: '{"a":1}',
      });
    });

    it('takes every value of a repeated header or parameter from the multi-value maps, joined by commas', () => {
      const request = readHttpRequest({
        httpMethod: 'GET',
        headers: { Accept: 'text/html', Host: 'example.com' },
        multiValueHeaders: { Accept: ['text/html', 7, 'application/json'], Ignored: 'not a list' },
        queryStringParameters: { tag: 'b', page: '1' },
        multiValueQueryStringParameters: { tag: ['a', 'b'], other: null },
      });

      expect(request).toEqual({
        method: 'GET',
        path: '',
        headers: { accept: 'text/html,application/json', host: 'example.com' },
        pathParameters: {},
        queryStringParameters: { tag: 'a,b', page: '1' },
        body: undefined,
      });
    });

    it('decodes a base64 body only when isBase64Encoded is true', () => {
      const encoded = Buffer.from('{"a":1}').toString('base64');

      expect(readHttpRequest({ httpMethod: 'POST', body: encoded, isBase64Encoded: true }).body).toBe(
        '{"a":1}',
      );
      expect(readHttpRequest({ httpMethod: 'POST', body: encoded, isBase64Encoded: 'true' }).body).toBe(
        encoded,
      );
    });

    it.each([
      ['an empty string', ''],
      ['null', null],
      ['an object', { a: 1 }],
    ])('gives no body for %s', (_kind, body) => {
      expect(readHttpRequest({ httpMethod: 'POST', body, isBase64Encoded: true }).body).toBeUndefined();
    });
  });

  describe('HTTP API (v2)', () => {
    const v2 = (fields: object) => ({
      version: '2.0',
      rawPath: '/orders',
      requestContext: { http: { method: 'PUT' } },
      ...fields,
    });

    it('reads method and path from requestContext.http and rawPath, and keeps an httpMethod out', () => {
      const request = readHttpRequest(v2({ httpMethod: 'GET', headers: { 'X-Id': 'i-1' }, body: 'text' }));

      expect(request).toEqual({
        method: 'PUT',
        path: '/orders',
        headers: { 'x-id': 'i-1' },
        pathParameters: {},
        queryStringParameters: {},
        body: 'text',
      });
    });

    it('gives an empty method and path when the event lacks them', () => {
      expect(readHttpRequest({ version: '2.0' })).toMatchObject({ method: '', path: '' });
      expect(readHttpRequest({ version: '2.0', requestContext: { http: 'PUT' } }).method).toBe('');
      expect(readHttpRequest({ version: '2.0', requestContext: { http: { method: 1 } } }).method).toBe('');
    });

    it('turns the cookies array into a cookie header, leaving out what is not a string', () => {
      const request = readHttpRequest(v2({ cookies: ['a=1', 2, 'b=2'] }));

      expect(request.headers).toEqual({ cookie: 'a=1; b=2' });
    });

    it('keeps a cookie header over the cookies array, and adds none for an empty array', () => {
      expect(readHttpRequest(v2({ headers: { Cookie: 'c=3' }, cookies: ['a=1'] })).headers).toEqual({
        cookie: 'c=3',
      });
      expect(readHttpRequest(v2({ cookies: [] })).headers).toEqual({});
      expect(readHttpRequest(v2({ cookies: 'a=1' })).headers).toEqual({});
    });
  });
});

describe('Function: parseJsonBody', () => {
  it('parses JSON, and gives undefined for no body', () => {
    expect(parseJsonBody('{"a":[1]}')).toEqual({ a: [1] });
    expect(parseJsonBody('0')).toBe(0);
    expect(parseJsonBody(undefined)).toBeUndefined();
  });

  it('refuses a body that is not JSON with a 400', () => {
    let error: unknown;
    try {
      parseJsonBody('{oops');
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 'badRequest',
      message: 'Request body is not valid JSON',
      data: null,
    });
  });
});
