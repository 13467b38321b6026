import { CORRELATION_ID_HEADER, logger, resolveCorrelationId } from '@platform/logging';
import { BadRequestError, ClientError } from './errors';
import { parseJsonBody, readHttpRequest } from './readHttpRequest';
import { standardResponse, toStandardResponse, type StandardResponse } from './responses';
import { asError, runInvocation } from './runInvocation';
import type { StandardSchemaV1 } from './standardSchema';
import { HTTP_STATUS, type ResponseStatus } from './status';
import type { HttpHandlerOptions, HttpInput, HttpLambdaHandler, HttpResponse, StringMap } from './types';
import { validateInput, type FieldError } from './validateInput';
import { validateOptions } from './validateOptions';

/**
 * Wraps a domain function as an API Gateway REST (v1) or HTTP API (v2) proxy handler: parses and validates
 * the request, calls `handle` with plain input, and answers with the standard response, its HTTP status and
 * the `x-correlation-id` header. Unexpected errors become a 500 with the correlation ID and are logged with
 * their stack; their message never reaches the client.
 */
export function httpHandler<TBody = unknown, TPath = StringMap, TQuery = StringMap, TResult = unknown>(
  options: HttpHandlerOptions<TBody, TPath, TQuery, TResult>,
): HttpLambdaHandler {
  validateOptions('httpHandler', options, {
    schema: 'schema',
    pathSchema: 'schema',
    querySchema: 'schema',
    handle: 'function',
    logSettings: 'function',
  });
  const { handle, logSettings } = options;

  return async (event, context) => {
    const correlationId = resolveCorrelationId(event);
    const { response } = await runInvocation(
      { event, context, correlationId, logSettings },
      async () => {
        try {
          const input = await readInput(event, options);
          const response = toStandardResponse(await handle(input));
          return toHttpResponse(response, correlationId);
        } catch (error) {
          return toHttpResponse(failure(error, correlationId), correlationId);
        }
      },
      // The work answers every error itself; a throw would be a bug of the wrapper, counted as one.
      { result: ({ status }) => ({ status }), error: () => ({ status: 'error' }) },
    );
    return response;
  };
}

async function readInput<TBody, TPath, TQuery>(
  event: unknown,
  options: HttpHandlerOptions<TBody, TPath, TQuery, unknown>,
): Promise<HttpInput<TBody, TPath, TQuery>> {
  const request = readHttpRequest(event);
  logger.debug('HTTP request', { method: request.method, path: request.path });
  const body = parseJsonBody(request.body);
  const errors: FieldError[] = [];
  const check = async <T>(
    schema: StandardSchemaV1<unknown, T> | undefined,
    value: unknown,
    location: string,
  ) => {
    if (!schema) return value as T;
    const result = await validateInput(schema, value, location);
    if (result.errors) errors.push(...result.errors);
    return result.value as T;
  };
  const input = {
    body: await check(options.schema, body, 'body'),
    pathParameters: await check(options.pathSchema, request.pathParameters, 'pathParameters'),
    queryStringParameters: await check(
      options.querySchema,
      request.queryStringParameters,
      'queryStringParameters',
    ),
    headers: request.headers,
  };
  if (errors.length > 0) throw new BadRequestError('Request is invalid', { errors });
  return input;
}

function failure(error: unknown, correlationId: string): StandardResponse {
  if (error instanceof ClientError) {
    logger.warn(`Request rejected: ${error.message}`, { status: error.status, data: error.data });
    return standardResponse(error.status, error.message, error.data);
  }
  logger.error('Request failed', asError(error));
  return standardResponse(
    'error',
    `Internal error. Quote correlation ID ${correlationId} when reporting it.`,
    {
      correlationId,
    },
  );
}

/** The HTTP response, with the standard status it answers (for the metrics). */
function toHttpResponse(
  response: StandardResponse,
  correlationId: string,
): { response: HttpResponse; status: ResponseStatus } {
  let body: string;
  try {
    body = JSON.stringify({ status: response.status, message: response.message, data: response.data });
  } catch (error) {
    // e.g. a BigInt or a cycle in the domain's data: a server-side bug, answered like any other.
    return toHttpResponse(failure(error, correlationId), correlationId);
  }
  return {
    response: {
      statusCode: HTTP_STATUS[response.status],
      headers: { 'content-type': 'application/json; charset=utf-8', [CORRELATION_ID_HEADER]: correlationId },
      body,
    },
    status: response.status,
  };
}
