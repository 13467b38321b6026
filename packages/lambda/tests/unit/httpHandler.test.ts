import { applyLogSettings, getCorrelationId, logger } from '@platform/logging';
import {
  apiGatewayV1Event,
  apiGatewayV1Request,
  apiGatewayV2Event,
  apiGatewayV2Request,
  captureLogs,
  createLambdaContext,
  eventBridgeEvent,
  sqsEvent,
  type LogCapture,
} from '@platform/test-helpers';
import * as v from 'valibot';
import { z } from 'zod';
import {
  BadRequestError,
  ConflictError,
  NotAuthenticatedError,
  NotFoundError,
  NotImplementedError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../src/errors';
import { httpHandler } from '../../src/httpHandler';
import { skipped, standardResponse } from '../../src/responses';
import type { HttpEvent, HttpInput, HttpResponse } from '../../src/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const bodyOf = (response: HttpResponse) =>
  JSON.parse(response.body) as { status: string; message: string; data: unknown };
const invoke = (handler: ReturnType<typeof httpHandler>, event: unknown) =>
  handler(event as HttpEvent, createLambdaContext());

const orderSchema = z.object({
  customerId: z.string().min(1),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
  note: z.string().default(''),
});
const validOrder = { customerId: 'c-1', lines: [{ sku: 'A', quantity: 2 }] };

describe('Function: httpHandler', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
    applyLogSettings({ level: 'INFO', sampleRate: 0 });
  });
  afterEach(() => logs.restore());

  describe('input', () => {
    it('gives the domain function plain input from a real REST (v1) event', async () => {
      const handle = jest.fn((_input: HttpInput) => ({ ok: true }));
      const handler = httpHandler({ handle });

      const response = await invoke(handler, apiGatewayV1Event('apigw-rest-v1-proxy.aws-lambda-go'));

      expect(response.statusCode).toBe(200);
      const input = handle.mock.calls[0]![0];
      expect(input.body).toEqual({ a: 1 });
      expect(input.pathParameters).toEqual({ proxy: 'hello/world' });
      expect(input.queryStringParameters).toEqual({ name: 'me' });
      expect(input.headers).toMatchObject({ 'content-type': 'application/json', headername: 'headerValue' });
      expect(Object.keys(input.headers).every((name) => name === name.toLowerCase())).toBe(true);
    });

    it('gives the same shape from a real HTTP API (v2) event: base64 body, cookies, joined query', async () => {
      const handle = jest.fn((_input: HttpInput) => undefined);

      await invoke(httpHandler({ handle }), apiGatewayV2Event('apigw-http-v2-proxy.sam-rendered'));

      expect(handle.mock.calls[0]![0]).toEqual({
        body: { test: 'body' },
        pathParameters: { parameter1: 'value1' },
        queryStringParameters: { parameter1: 'value1,value2', parameter2: 'value' },
        headers: { header1: 'value1', header2: 'value1,value2', cookie: 'cookie1; cookie2' },
      });
    });

    it('decodes a base64 REST (v1) body and joins repeated query parameters as v2 does', async () => {
      const handle = jest.fn((_input: HttpInput) => undefined);
      const event = apiGatewayV1Request(
        { queryStringParameters: { tag: ['a', 'b'] } },
        'apigw-rest-v1-proxy.sam-rendered',
      );

      await invoke(httpHandler({ handle }), event);

      expect(handle.mock.calls[0]![0]).toMatchObject({
        body: { test: 'body' },
        queryStringParameters: { tag: 'a,b' },
      });
    });

    it('gives an undefined body and empty maps for the null fields of real events', async () => {
      const handle = jest.fn((_input: HttpInput) => undefined);

      await invoke(httpHandler({ handle }), apiGatewayV1Event());
      await invoke(httpHandler({ handle }), apiGatewayV2Event());

      for (const [input] of handle.mock.calls) {
        expect(input).toMatchObject({ body: undefined, pathParameters: {}, queryStringParameters: {} });
      }
    });
  });

  describe('bad input', () => {
    it.each([
      ['REST (v1)', apiGatewayV1Request({ body: '{"customerId": ' })],
      ['HTTP API (v2)', apiGatewayV2Request({ body: 'not json' })],
      ['base64', apiGatewayV2Request({ body: '{oops', base64: true })],
    ])(
      'answers 400 badRequest to a malformed JSON body (%s), without calling the domain',
      async (_case, event) => {
        const handle = jest.fn();

        const response = await invoke(httpHandler({ handle }), event);

        expect(response.statusCode).toBe(400);
        expect(bodyOf(response)).toEqual({
          status: 'badRequest',
          message: 'Request body is not valid JSON',
          data: null,
        });
        expect(handle).not.toHaveBeenCalled();
        expect(logs.lines.find((l) => l.level === 'WARN')).toMatchObject({
          message: 'Request rejected: Request body is not valid JSON',
        });
      },
    );

    it('answers 400 with every field error of a zod schema', async () => {
      const handle = jest.fn();
      const handler = httpHandler({ schema: orderSchema, handle });

      const response = await invoke(
        handler,
        apiGatewayV2Request({
          body: { customerId: '', lines: [{ sku: 'A', quantity: 0 }, { quantity: 1 }] },
        }),
      );

      expect(response.statusCode).toBe(400);
      expect(bodyOf(response)).toEqual({
        status: 'badRequest',
        message: 'Request is invalid',
        data: {
          errors: [
            { field: 'body.customerId', message: expect.any(String) },
            { field: 'body.lines[0].quantity', message: expect.any(String) },
            { field: 'body.lines[1].sku', message: expect.any(String) },
          ],
        },
      });
      expect(handle).not.toHaveBeenCalled();
    });

    it('answers 400 with the field errors of a valibot schema', async () => {
      const schema = v.object({ email: v.pipe(v.string(), v.email()), age: v.number() });
      const handle = jest.fn();

      const response = await invoke(
        httpHandler({ schema, handle }),
        apiGatewayV1Request({ body: { email: 'x', age: '3' } }),
      );

      expect(response.statusCode).toBe(400);
      expect(bodyOf(response).data).toEqual({
        errors: [
          { field: 'body.email', message: expect.stringContaining('mail') },
          { field: 'body.age', message: expect.stringContaining('number') },
        ],
      });
    });

    it('reports a missing body against a schema as an error on "body"', async () => {
      const response = await invoke(
        httpHandler({ schema: orderSchema, handle: jest.fn() }),
        apiGatewayV1Event(),
      );

      expect(response.statusCode).toBe(400);
      expect(bodyOf(response).data).toEqual({ errors: [{ field: 'body', message: expect.any(String) }] });
    });

    it('validates path and query parameters, and reports all locations at once', async () => {
      const handler = httpHandler({
        schema: orderSchema,
        pathSchema: z.object({ orderId: z.string().regex(/^o-\d+$/) }),
        querySchema: v.object({ page: v.pipe(v.string(), v.regex(/^\d+$/)) }),
        handle: jest.fn(),
      });

      const response = await invoke(
        handler,
        apiGatewayV2Request({
          body: validOrder,
          pathParameters: { orderId: 'x' },
          queryStringParameters: {},
        }),
      );

      expect(bodyOf(response).data).toEqual({
        errors: [
          { field: 'pathParameters.orderId', message: expect.any(String) },
          { field: 'queryStringParameters.page', message: expect.any(String) },
        ],
      });
    });
  });

  describe('validated input', () => {
    it('passes the schema output (typed, defaults applied) to the domain function', async () => {
      const handler = httpHandler({
        schema: orderSchema,
        pathSchema: z.object({ orderId: z.string() }),
        querySchema: z.object({ page: z.coerce.number().int() }),
        handle: ({ body, pathParameters, queryStringParameters }) => ({
          customer: body.customerId.toUpperCase(),
          note: body.note,
          orderId: pathParameters.orderId,
          nextPage: queryStringParameters.page + 1,
        }),
      });

      const response = await invoke(
        handler,
        apiGatewayV1Request({
          body: validOrder,
          pathParameters: { orderId: 'o-7' },
          queryStringParameters: { page: '2' },
        }),
      );

      expect(bodyOf(response)).toEqual({
        status: 'success',
        message: 'OK',
        data: { customer: 'C-1', note: '', orderId: 'o-7', nextPage: 3 },
      });
    });

    it('accepts a valibot schema and an asynchronous Standard Schema', async () => {
      const asyncSchema = {
        '~standard': {
          version: 1 as const,
          vendor: 'test',
          validate: async (value: unknown) => ({ value: { wrapped: value } }),
        },
      };

      const fromValibot = await invoke(
        httpHandler({ schema: v.object({ n: v.number() }), handle: ({ body }) => body.n * 2 }),
        apiGatewayV2Request({ body: { n: 21 } }),
      );
      const fromAsync = await invoke(
        httpHandler({ schema: asyncSchema, handle: ({ body }) => body }),
        apiGatewayV2Request({ body: 1 }),
      );

      expect(bodyOf(fromValibot).data).toBe(42);
      expect(bodyOf(fromAsync).data).toEqual({ wrapped: 1 });
    });
  });

  describe('responses', () => {
    it('answers 200 success with the domain result as data, JSON content type and the correlation ID header', async () => {
      const response = await invoke(
        httpHandler({ handle: () => ({ orderId: 'o-1' }) }),
        apiGatewayV2Request({ headers: { 'X-Correlation-Id': 'c-from-client' } }),
      );

      expect(response).toEqual({
        statusCode: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-correlation-id': 'c-from-client' },
        body: JSON.stringify({ status: 'success', message: 'OK', data: { orderId: 'o-1' } }),
      });
    });

    it('generates the correlation ID when the request has none, and returns it', async () => {
      const seen: (string | undefined)[] = [];
      const handler = httpHandler({ handle: () => void seen.push(getCorrelationId()) });

      const first = await invoke(handler, apiGatewayV1Event());
      const second = await invoke(handler, apiGatewayV1Event());

      expect(first.headers['x-correlation-id']).toMatch(UUID);
      expect(second.headers['x-correlation-id']).not.toBe(first.headers['x-correlation-id']);
      expect(seen).toEqual([first.headers['x-correlation-id'], second.headers['x-correlation-id']]);
    });

    it('answers with the status the domain chose with skipped() or standardResponse()', async () => {
      const skippedResponse = await invoke(
        httpHandler({ handle: () => skipped('Already done', { id: 1 }) }),
        apiGatewayV1Event(),
      );
      const custom = await invoke(
        httpHandler({ handle: () => standardResponse('notImplemented', 'Soon') }),
        apiGatewayV1Event(),
      );

      expect(skippedResponse.statusCode).toBe(200);
      expect(bodyOf(skippedResponse)).toEqual({
        status: 'skipped',
        message: 'Already done',
        data: { id: 1 },
      });
      expect(custom.statusCode).toBe(501);
    });

    it('answers success with null data when the domain returns nothing', async () => {
      const response = await invoke(httpHandler({ handle: async () => undefined }), apiGatewayV1Event());

      expect(bodyOf(response)).toEqual({ status: 'success', message: 'OK', data: null });
    });

    it.each([
      [
        'BadRequestError',
        new BadRequestError('Quantity too large', { max: 10 }),
        400,
        'badRequest',
        { max: 10 },
      ],
      ['NotAuthenticatedError', new NotAuthenticatedError(), 401, 'notAuthenticated', null],
      ['UnauthorizedError', new UnauthorizedError('Not your order'), 403, 'unauthorized', null],
      ['NotImplementedError', new NotImplementedError('Refunds are coming'), 501, 'notImplemented', null],
    ])(
      'maps a thrown %s to its status and HTTP status code',
      async (_name, error, statusCode, status, data) => {
        const response = await invoke(
          httpHandler({
            handle: () => {
              throw error;
            },
          }),
          apiGatewayV2Event(),
        );

        expect(response.statusCode).toBe(statusCode);
        expect(bodyOf(response)).toEqual({ status, message: error.message, data });
        expect(logs.lines.find((l) => l.level === 'WARN')).toMatchObject({
          message: `Request rejected: ${error.message}`,
          status,
        });
      },
    );
  });

  describe('answers a service needs', () => {
    it('answers 404 notFound for GET /payments/{id} with an unknown id', async () => {
      const payments = new Map([['p-1', { id: 'p-1', amount: 12 }]]);
      const handler = httpHandler({
        pathSchema: z.object({ id: z.string() }),
        handle: ({ pathParameters: { id } }) => {
          const payment = payments.get(id);
          if (!payment) throw new NotFoundError(`Payment ${id} not found`, { id });
          return payment;
        },
      });
      const request = (id: string) => apiGatewayV2Request({ pathParameters: { id } });

      const missing = await invoke(handler, request('p-404'));
      const found = await invoke(handler, request('p-1'));

      expect(missing.statusCode).toBe(404);
      expect(bodyOf(missing)).toEqual({
        status: 'notFound',
        message: 'Payment p-404 not found',
        data: { id: 'p-404' },
      });
      expect(found.statusCode).toBe(200);
      expect(bodyOf(found)).toEqual({ status: 'success', message: 'OK', data: { id: 'p-1', amount: 12 } });
    });

    it('answers 409 conflict with the data the client needs to resolve it', async () => {
      const response = await invoke(
        httpHandler({
          handle: () => {
            throw new ConflictError('Order o-1 was changed by someone else', { currentVersion: 4 });
          },
        }),
        apiGatewayV1Event(),
      );

      expect(response.statusCode).toBe(409);
      expect(bodyOf(response)).toEqual({
        status: 'conflict',
        message: 'Order o-1 was changed by someone else',
        data: { currentVersion: 4 },
      });
      expect(logs.lines.find((l) => l.level === 'WARN')).toMatchObject({
        message: 'Request rejected: Order o-1 was changed by someone else',
        status: 'conflict',
      });
    });

    it('answers 429 tooManyRequests with the default message', async () => {
      const response = await invoke(
        httpHandler({
          handle: () => {
            throw new TooManyRequestsError(undefined, { retryAfterSeconds: 30 });
          },
        }),
        apiGatewayV2Event(),
      );

      expect(response.statusCode).toBe(429);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(bodyOf(response)).toEqual({
        status: 'tooManyRequests',
        message: 'Too many requests',
        data: { retryAfterSeconds: 30 },
      });
    });

    it('answers the same three from standardResponse() returned by the domain', async () => {
      const answers = [];
      for (const status of ['notFound', 'conflict', 'tooManyRequests'] as const) {
        const response = await invoke(
          httpHandler({ handle: () => standardResponse(status, `said ${status}`) }),
          apiGatewayV2Event(),
        );
        answers.push([response.statusCode, bodyOf(response)]);
      }

      expect(answers).toEqual([
        [404, { status: 'notFound', message: 'said notFound', data: null }],
        [409, { status: 'conflict', message: 'said conflict', data: null }],
        [429, { status: 'tooManyRequests', message: 'said tooManyRequests', data: null }],
      ]);
    });
  });

  describe('unexpected errors', () => {
    it('answers 500 with the correlation ID, never the message or stack, and logs the error with its stack', async () => {
      const handler = httpHandler({
        handle: async () => {
          throw new Error('connect ECONNREFUSED db.internal:5432 user=admin');
        },
      });

      const response = await invoke(
        handler,
        apiGatewayV1Request({ headers: { 'x-correlation-id': 'c-500' } }),
      );

      expect(response.statusCode).toBe(500);
      expect(response.headers['x-correlation-id']).toBe('c-500');
      expect(bodyOf(response)).toEqual({
        status: 'error',
        message: 'Internal error. Quote correlation ID c-500 when reporting it.',
        data: { correlationId: 'c-500' },
      });
      expect(response.body).not.toMatch(/ECONNREFUSED|db\.internal|at .*\.ts/);
      const errorLine = logs.lines.find((l) => l.level === 'ERROR');
      expect(errorLine).toMatchObject({
        message: 'Request failed',
        correlation_id: 'c-500',
        error: {
          name: 'Error',
          message: expect.stringContaining('ECONNREFUSED'),
          stack: expect.stringContaining('at '),
        },
      });
    });

    it('answers 500 when the domain throws something that is not an Error', async () => {
      const response = await invoke(
        httpHandler({
          handle: () => {
            throw 'plain string';
          },
        }),
        apiGatewayV1Event(),
      );

      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('plain string');
      expect(logs.lines.find((l) => l.level === 'ERROR')!.error).toMatchObject({
        message: 'Non-error thrown: plain string',
      });
    });

    it('answers 500 when the domain result cannot be serialized', async () => {
      const response = await invoke(httpHandler({ handle: () => ({ total: 10n }) }), apiGatewayV1Event());

      expect(response.statusCode).toBe(500);
      expect(bodyOf(response).status).toBe('error');
    });

    it.each([
      ['null', null],
      ['a string', 'GET /'],
      ['an empty object', {}],
      ['an SQS event', sqsEvent()],
      ['an EventBridge event', eventBridgeEvent()],
    ])('answers 500 to %s, which is not an API Gateway event, and logs why', async (_case, event) => {
      const handle = jest.fn();

      const response = await invoke(httpHandler({ handle }), event);

      expect(response.statusCode).toBe(500);
      expect(response.headers['x-correlation-id']).toMatch(UUID);
      expect(handle).not.toHaveBeenCalled();
      expect(logs.lines.find((l) => l.level === 'ERROR')!.error).toMatchObject({
        name: 'UnexpectedEventError',
        message: expect.stringMatching(
          /^httpHandler: expected an API Gateway REST \(v1\) or HTTP API \(v2\) proxy event/,
        ),
      });
    });
  });

  describe('logging', () => {
    it('injects the Lambda context and the correlation ID into the lines the domain logs', async () => {
      const context = createLambdaContext({ functionName: 'orders-dev-create-order' });
      const handler = httpHandler({
        handle: () => {
          logger.info('Pricing order');
        },
      });

      await handler(apiGatewayV2Request({ headers: { 'x-correlation-id': 'c-log' } }), context);

      expect(logs.withMessage('Pricing order')[0]).toMatchObject({
        service: 'orders',
        environment: 'test',
        function_name: 'orders-dev-create-order',
        function_version: '$LATEST',
        function_request_id: context.awsRequestId,
        cold_start: expect.any(Boolean),
        correlation_id: 'c-log',
      });
    });

    it('applies log settings read on each invocation', async () => {
      let level = 'DEBUG';
      const handler = httpHandler({ handle: () => undefined, logSettings: async () => ({ level }) });

      await invoke(handler, apiGatewayV2Event());
      level = 'WARN';
      await invoke(handler, apiGatewayV2Event());

      expect(logs.withMessage('HTTP request')).toEqual([
        expect.objectContaining({ level: 'DEBUG', method: 'POST', path: '/lambda' }),
      ]);
    });

    it('samples DEBUG per invocation at the rate from the settings, on lines that carry the correlation ID', async () => {
      const handler = httpHandler({ handle: () => undefined, logSettings: () => ({ sampleRate: 1 }) });

      const response = await invoke(handler, apiGatewayV1Event());

      expect(logs.withMessage('Debug sampling: this invocation logs at DEBUG')[0]).toMatchObject({
        correlation_id: response.headers['x-correlation-id'],
        sampling_rate: 1,
      });
      expect(logs.withMessage('HTTP request')).toHaveLength(1);
    });

    it('keeps answering when the log settings cannot be read, with a warning', async () => {
      const handler = httpHandler({
        handle: () => 'fine',
        logSettings: () => {
          throw new Error('SSM throttled');
        },
      });

      const response = await invoke(handler, apiGatewayV2Event());

      expect(bodyOf(response).data).toBe('fine');
      expect(logs.withMessage('Could not read the log settings; keeping the current ones')[0]).toMatchObject({
        level: 'WARN',
        correlation_id: response.headers['x-correlation-id'],
        error: { message: 'SSM throttled' },
      });
    });
  });
});
