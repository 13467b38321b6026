import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface MatchedRoute {
  readonly routeKey: string;
  readonly pathParameters?: Record<string, string>;
}

export interface ApiIdentity {
  readonly apiId: string;
  readonly accountId: string;
  readonly domainName: string;
  /** The local caller that stands in for the IAM principal of a signed request. */
  readonly iam: boolean;
}

// API Gateway passes these content types as text; anything else arrives base64-encoded.
const TEXT = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+(json|xml))/i;

/** An HTTP API (payload format 2.0) event for a request, as API Gateway builds it. */
export function buildHttpEvent(
  request: IncomingMessage,
  body: Buffer,
  route: MatchedRoute,
  api: ApiIdentity,
): Record<string, unknown> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies = (Array.isArray(value) ? value.join('; ') : value).split(/;\s*/);
    // HTTP APIs lower-case header names and join repeated ones with commas.
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const method = request.method ?? 'GET';
  const now = new Date();
  const requestId = randomUUID();
  const isText = body.length === 0 || TEXT.test(headers['content-type'] ?? 'text/plain');
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      ...(api.iam
        ? {
            authorizer: {
              iam: {
                accessKey: 'local',
                accountId: api.accountId,
                callerId: 'local',
                principalOrgId: null,
                userArn: `arn:aws:iam::${api.accountId}:user/local-developer`,
                userId: 'local',
              },
            },
          }
        : {}),
      domainName: api.domainName,
      domainPrefix: api.domainName.split('.')[0],
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: formatTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** The function's answer -> the HTTP response, with API Gateway's rules for format 2.0. */
export function toHttpResponse(response: unknown): HttpResult {
  // Without a statusCode, API Gateway assumes 200 and JSON of whatever came back.
  if (typeof response !== 'object' || response === null || !('statusCode' in response)) {
    const body = typeof response === 'string' ? response : JSON.stringify(response ?? null);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const result = response as {
    statusCode: number;
    headers?: Record<string, string | number | boolean>;
    multiValueHeaders?: Record<string, (string | number | boolean)[]>;
    cookies?: string[];
    body?: string;
    isBase64Encoded?: boolean;
  };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    headers[name.toLowerCase()] = values.map(String).join(',');
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  return { status: Number(result.statusCode), headers, body };
}

/** `02/Dec/2026:07:50:00 +0000`, API Gateway's requestContext.time. */
function formatTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
