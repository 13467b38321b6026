import { getCorrelationId } from '@platform/logging';
import { ServiceCallError, ServiceClientConfigError, UnexpectedResponseError } from './errors';
import { InvokerCredentials } from './invokerCredentials';
import type {
  CallRequest,
  Credentials,
  ServiceClientOptions,
  ServiceResponse,
  SsmLike,
  StsLike,
} from './types';

const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/[\w\-.~{}+/]*)$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const PARAMETER_ARN = /^arn:aws[\w-]*:ssm:([a-z0-9-]+):\d{12}:parameter(\/.+)$/;
const STATUSES = new Set([
  'success',
  'skipped',
  'badRequest',
  'notAuthenticated',
  'unauthorized',
  'notFound',
  'conflict',
  'tooManyRequests',
  'error',
  'notImplemented',
]);

export interface ServiceClient {
  /**
   * Calls a route of the service's HTTP API (`"GET /orders/{id}"`), signed with SigV4 as the invoker
   * role, with the invocation's correlation ID; resolves with the service's standard response and the
   * HTTP status, whatever the status. Throws a `ServiceCallError` only when there is no standard response.
   */
  call<T = unknown>(routeKey: string, request?: CallRequest): Promise<ServiceResponse<T>>;
}

/** `orders` -> `SERVICE_ORDERS_`: the prefix of the variables `fn.grantCall('orders')` sets. */
const variablePrefix = (service: string) => `SERVICE_${service.toUpperCase().replace(/-/g, '_')}_`;

/**
 * A client for another service's AWS_IAM HTTP API, in that service's account. Its stack's
 * `fn.grantCall(service)` (allowed by the topology's `routes`) gives the function the invoker role
 * to assume (`SERVICE_<SERVICE>_INVOKER_ROLE_ARN`) and the SSM parameter holding the API's URL
 * (`SERVICE_<SERVICE>_API_URL_PARAMETER`), read once with that role. Create it once, outside the handler.
 *
 * @example
 * const orders = serviceClient('orders');
 * const { status, data } = await orders.call<Order>('GET /orders/{id}', { params: { id } });
 */
export function serviceClient(service: string, options: ServiceClientOptions = {}): ServiceClient {
  const prefix = variablePrefix(service);
  const roleArn = requiredVariable(service, `${prefix}INVOKER_ROLE_ARN`, ROLE_ARN);
  const parameterArn = requiredVariable(service, `${prefix}API_URL_PARAMETER`, PARAMETER_ARN);
  const [, region, parameterName] = PARAMETER_ARN.exec(parameterArn) as unknown as [string, string, string];
  const now = options.now ?? Date.now;
  const credentials = new InvokerCredentials(roleArn, () => defaultSts(options.sts), {
    sessionName: (
      options.sessionName ??
      process.env.AWS_LAMBDA_FUNCTION_NAME ??
      'platform-http-client'
    ).slice(0, 64),
    marginMs: (options.refreshMarginSeconds ?? 300) * 1000,
    now,
  });
  let baseUrl: Promise<URL> | undefined;
  const apiUrl = () => {
    baseUrl ??= readApiUrl(service, parameterName, region, credentials, options.ssm);
    baseUrl.catch(() => (baseUrl = undefined));
    return baseUrl;
  };
  const doFetch = options.fetch ?? fetch;

  return {
    async call<T>(routeKey: string, request: CallRequest = {}): Promise<ServiceResponse<T>> {
      const route = ROUTE_KEY.exec(routeKey);
      if (!route) {
        throw new ServiceClientConfigError(
          `${service}: "${routeKey}" is not a route key; use "<METHOD> /<path>" as declared in stacks/topology.ts (e.g. "GET /orders/{id}").`,
        );
      }
      const [, method, template] = route as unknown as [string, string, string];
      const path = fillPath(service, routeKey, template, request.params ?? {});
      const [base, creds, [{ SignatureV4 }, { Sha256 }]] = await Promise.all([
        apiUrl(),
        credentials.get(),
        Promise.all([import('@smithy/signature-v4'), import('@smithy/core/checksum')]),
      ]);
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      const correlationId = getCorrelationId();
      const signer = new SignatureV4({ service: 'execute-api', region, credentials: creds, sha256: Sha256 });
      const signed = await signer.sign({
        method,
        protocol: base.protocol,
        hostname: base.hostname,
        ...(base.port ? { port: Number(base.port) } : {}),
        path: `${base.pathname.replace(/\/$/, '')}${path}`,
        query: { ...request.query },
        headers: {
          host: base.host,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
        },
        ...(body === undefined ? {} : { body }),
      });
      const url = new URL(signed.path, base);
      for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
      const response = await doFetch(url, {
        method,
        headers: signed.headers,
        ...(body === undefined ? {} : { body }),
      }).catch((error: unknown) => {
        throw new ServiceCallError(
          `${service} ${routeKey}: the request failed (${(error as Error)?.message ?? String(error)}).`,
          {
            cause: error,
          },
        );
      });
      return standardResponse<T>(service, routeKey, response.status, await response.text());
    },
  };
}

function requiredVariable(service: string, name: string, shape: RegExp): string {
  const value = process.env[name];
  if (!value || !shape.test(value)) {
    throw new ServiceClientConfigError(
      `serviceClient("${service}"): ${name} is ${value ? `"${value}", not the expected ARN` : 'not set'}. ` +
        `Grant the call in the function's stack with fn.grantCall('${service}'), allowed by a route of services.${service}.routes in stacks/topology.ts.`,
    );
  }
  return value;
}

function fillPath(
  service: string,
  routeKey: string,
  template: string,
  params: Readonly<Record<string, string>>,
): string {
  return template.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') {
      throw new ServiceClientConfigError(
        `${service} ${routeKey}: no value for {${name}}; pass params: { ${name}: '...' }.`,
      );
    }
    return encodeURIComponent(value);
  });
}

async function defaultSts(sts: StsLike | undefined): Promise<StsLike> {
  if (sts) return sts;
  const { STSClient } = await import('@aws-sdk/client-sts');
  return new STSClient({});
}

async function readApiUrl(
  service: string,
  name: string,
  region: string,
  credentials: InvokerCredentials,
  makeSsm: ((c: Credentials, region: string) => SsmLike) | undefined,
): Promise<URL> {
  const [{ GetParameterCommand, SSMClient }, creds] = await Promise.all([
    import('@aws-sdk/client-ssm'),
    credentials.get(),
  ]);
  const ssm = makeSsm ? makeSsm(creds, region) : new SSMClient({ region, credentials: creds });
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name })).catch((error: unknown) => {
    throw new ServiceCallError(
      `${service}: could not read its API URL from ${name}: ${(error as Error)?.message ?? String(error)}.`,
      {
        cause: error,
      },
    );
  });
  try {
    return new URL(Parameter?.Value ?? '');
  } catch (error) {
    throw new ServiceCallError(`${service}: ${name} holds ${JSON.stringify(Parameter?.Value)}, not a URL.`, {
      cause: error,
    });
  }
}

function standardResponse<T>(
  service: string,
  routeKey: string,
  statusCode: number,
  text: string,
): ServiceResponse<T> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new UnexpectedResponseError(service, routeKey, statusCode, text);
  }
  const b = body as Partial<ServiceResponse<T>> | null;
  if (
    typeof b !== 'object' ||
    b === null ||
    !STATUSES.has(String(b.status)) ||
    typeof b.message !== 'string' ||
    !('data' in b)
  ) {
    throw new UnexpectedResponseError(service, routeKey, statusCode, text);
  }
  return { statusCode, status: b.status as string, message: b.message, data: (b.data ?? null) as T | null };
}
