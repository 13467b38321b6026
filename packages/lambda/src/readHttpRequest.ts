import { BadRequestError, UnexpectedEventError } from './errors';
import { typeName } from './typeName';

type Obj = Record<string, unknown>;

/** An API Gateway request in one shape for REST (v1) and HTTP API (v2) events, body not yet parsed. */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string | undefined;
  readonly headers: Record<string, string>;
  readonly pathParameters: Record<string, string>;
  readonly queryStringParameters: Record<string, string>;
}

const EXPECTED = 'an API Gateway REST (v1) or HTTP API (v2) proxy event';

export function readHttpRequest(event: unknown): HttpRequest {
  if (!isObject(event))
    throw new UnexpectedEventError('httpHandler', EXPECTED, `received ${typeName(event)}`);
  if (event.version === '2.0') return readV2(event);
  if (typeof event.httpMethod === 'string') return readV1(event);
  throw new UnexpectedEventError(
    'httpHandler',
    EXPECTED,
    'the event has neither "httpMethod" (v1) nor version "2.0"',
  );
}

/** The JSON body, `undefined` for none; a `BadRequestError` (400) when it is not JSON. */
export function parseJsonBody(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw new BadRequestError('Request body is not valid JSON');
  }
}

function readV1(event: Obj): HttpRequest {
  const headers = lowerCaseKeys(strings(event.headers));
  // multiValueHeaders holds every value of a repeated header; headers only the last.
  for (const [name, values] of Object.entries(stringLists(event.multiValueHeaders))) {
    headers[name.toLowerCase()] = values.join(',');
  }
  const multiQuery = stringLists(event.multiValueQueryStringParameters);
  const query = { ...strings(event.queryStringParameters) };
  for (const [name, values] of Object.entries(multiQuery)) query[name] = values.join(',');
  return {
    method: event.httpMethod as string,
    path: typeof event.path === 'string' ? event.path : '',
    body: decodeBody(event),
    headers,
    pathParameters: strings(event.pathParameters),
    queryStringParameters: query,
  };
}

function readV2(event: Obj): HttpRequest {
  const headers = lowerCaseKeys(strings(event.headers));
  // HTTP APIs move the Cookie header into a "cookies" array.
  if (Array.isArray(event.cookies) && event.cookies.length > 0 && !headers.cookie) {
    headers.cookie = event.cookies.filter((c) => typeof c === 'string').join('; ');
  }
  const http =
    isObject(event.requestContext) && isObject(event.requestContext.http) ? event.requestContext.http : {};
  return {
    method: typeof http.method === 'string' ? http.method : '',
    path: typeof event.rawPath === 'string' ? event.rawPath : '',
    body: decodeBody(event),
    headers,
    pathParameters: strings(event.pathParameters),
    queryStringParameters: strings(event.queryStringParameters),
  };
}

function decodeBody(event: Obj): string | undefined {
  if (typeof event.body !== 'string' || event.body === '') return undefined;
  return event.isBase64Encoded === true ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') out[key] = item;
  return out;
}

function stringLists(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!isObject(value)) return out;
  for (const [key, items] of Object.entries(value)) {
    if (Array.isArray(items)) out[key] = items.filter((item): item is string => typeof item === 'string');
  }
  return out;
}

function lowerCaseKeys(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) out[key.toLowerCase()] = value;
  return out;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
