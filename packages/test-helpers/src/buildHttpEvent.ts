import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  apiGatewayV1Event,
  apiGatewayV2Event,
  type ApiGatewayV1EventName,
  type ApiGatewayV2EventName,
} from './loadEvent';

export interface HttpTestRequest {
  /** A string is sent as is, `null` as no body, anything else as its JSON. @default no body */
  readonly body?: unknown;
  /** Base64-encode the body, as API Gateway does for binary media types. @default false */
  readonly base64?: boolean;
  /** Added to (and overriding) the sample's headers. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly pathParameters?: Readonly<Record<string, string>>;
  /** One value per name; an array gives a repeated parameter (`?a=1&a=2`). */
  readonly queryStringParameters?: Readonly<Record<string, string | readonly string[]>>;
}

/** A real API Gateway REST (v1) proxy event carrying the given request. */
export function apiGatewayV1Request(
  request: HttpTestRequest,
  name: ApiGatewayV1EventName = 'apigw-rest-v1-proxy.powertools-ts',
): APIGatewayProxyEvent {
  const event = apiGatewayV1Event(name);
  const headers = { ...event.headers, ...request.headers };
  const multiValueHeaders: Record<string, string[]> = { ...event.multiValueHeaders } as Record<
    string,
    string[]
  >;
  for (const [key, value] of Object.entries(request.headers ?? {})) multiValueHeaders[key] = [value];
  const query = request.queryStringParameters;
  return {
    ...event,
    headers,
    multiValueHeaders,
    pathParameters: request.pathParameters ? { ...request.pathParameters } : event.pathParameters,
    queryStringParameters: query
      ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : v.at(-1)!]))
      : event.queryStringParameters,
    multiValueQueryStringParameters: query
      ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? [v] : [...v]]))
      : event.multiValueQueryStringParameters,
    ...encodeBody(request, event),
  };
}

/** A real API Gateway HTTP API (v2) event carrying the given request. */
export function apiGatewayV2Request(
  request: HttpTestRequest,
  name: ApiGatewayV2EventName = 'apigw-http-v2-proxy.powertools-ts',
): APIGatewayProxyEventV2 {
  const event = apiGatewayV2Event(name);
  const headers: Record<string, string | undefined> = { ...event.headers };
  // HTTP APIs lower-case header names.
  for (const [key, value] of Object.entries(request.headers ?? {})) headers[key.toLowerCase()] = value;
  const query = request.queryStringParameters;
  return {
    ...event,
    headers,
    pathParameters: request.pathParameters ? { ...request.pathParameters } : event.pathParameters,
    // HTTP APIs join repeated parameters with commas.
    queryStringParameters: query
      ? Object.fromEntries(
          Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : v.join(',')]),
        )
      : event.queryStringParameters,
    rawQueryString: query
      ? new URLSearchParams(
          Object.entries(query).flatMap(([k, v]): [string, string][] =>
            typeof v === 'string' ? [[k, v]] : v.map((one): [string, string] => [k, one]),
          ),
        ).toString()
      : event.rawQueryString,
    ...encodeBody(request, event),
    body: encodeBody(request, event).body ?? undefined,
  };
}

function encodeBody(
  request: HttpTestRequest,
  event: { body?: string | null; isBase64Encoded: boolean },
): { body: string | null; isBase64Encoded: boolean } {
  if (!('body' in request)) return { body: event.body ?? null, isBase64Encoded: event.isBase64Encoded };
  if (request.body === null || request.body === undefined) return { body: null, isBase64Encoded: false };
  const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  return request.base64
    ? { body: Buffer.from(text, 'utf8').toString('base64'), isBase64Encoded: true }
    : { body: text, isBase64Encoded: false };
}
