import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { GetParameterCommand } from '@aws-sdk/client-ssm';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { runWithCorrelationId } from '@platform/logging';
import {
  ServiceCallError,
  ServiceClientConfigError,
  serviceClient,
  UnexpectedResponseError,
  type Credentials,
} from '../src';

/*
 * The client against a real HTTP server on 127.0.0.1 that checks each request's SigV4 signature the
 * way API Gateway does: it signs the request it received again with the invoker role's credentials
 * and compares. STS and SSM are fakes that record what they were asked.
 */
const ROLE = 'arn:aws:iam::111111111111:role/orders-dev-invoke-reports-publish-daily-report';
const PARAMETER = 'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/platform/api-url';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly signatureValid: boolean;
}

let server: Server;
let base: string;
const received: Received[] = [];
let reply: { status: number; body: string } = { status: 200, body: '' };
let issued = 0;
const keyOf = (n: number): Credentials => ({
  accessKeyId: `AKIA${n}`,
  secretAccessKey: `secret-${n}`,
  sessionToken: `token-${n}`,
});

async function verify(req: IncomingMessage, body: string): Promise<boolean> {
  const url = new URL(req.url!, 'http://127.0.0.1');
  const auth = String(req.headers.authorization);
  const key = /Credential=AKIA(\d+)\//.exec(auth)?.[1];
  const signed = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
  const signer = new SignatureV4({
    service: 'execute-api',
    region: 'eu-west-1',
    credentials: keyOf(Number(key)),
    sha256: Sha256,
  });
  const again = await signer.sign(
    {
      method: req.method!,
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(signed.map((h) => [h, String(req.headers[h])])),
      ...(body ? { body } : {}),
    },
    {
      signingDate: new Date(
        String(req.headers['x-amz-date']).replace(
          /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
          '$1-$2-$3T$4:$5:$6Z',
        ),
      ),
    },
  );
  return again.headers.authorization === auth;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      void verify(req, body).then((signatureValid) => {
        received.push({ method: req.method!, url: req.url!, headers: req.headers, body, signatureValid });
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function client(now: () => number = () => Date.parse('2026-12-02T12:00:00Z')) {
  const sts = {
    send: jest.fn(async (command: AssumeRoleCommand) => {
      issued++;
      return {
        Credentials: {
          AccessKeyId: `AKIA${issued}`,
          SecretAccessKey: `secret-${issued}`,
          SessionToken: `token-${issued}`,
          Expiration: new Date(now() + 3600_000),
        },
        $metadata: {},
        input: command.input,
      };
    }),
  };
  const ssmCalls: { name: string; credentials: Credentials; region: string }[] = [];
  const ssm = (credentials: Credentials, region: string) => ({
    send: async (command: GetParameterCommand) => {
      ssmCalls.push({ name: command.input.Name!, credentials, region });
      return { Parameter: { Value: base }, $metadata: {} };
    },
  });
  return {
    sts,
    ssmCalls,
    orders: serviceClient('orders', { sts, ssm, now, sessionName: 'reports-dev-publish-daily-report' }),
  };
}

describe('Function: serviceClient', () => {
  beforeEach(() => {
    received.length = 0;
    Object.assign(process.env, {
      SERVICE_ORDERS_INVOKER_ROLE_ARN: ROLE,
      SERVICE_ORDERS_API_URL_PARAMETER: PARAMETER,
    });
    reply = {
      status: 200,
      body: JSON.stringify({ status: 'success', message: 'OK', data: { orderId: 'ord_1', lines: 2 } }),
    };
  });

  it("calls the route signed with SigV4 as the invoker role, with the correlation ID, and returns the callee's standard response typed", async () => {
    // Prepare
    const { sts, ssmCalls, orders } = client();

    // Act
    const response = await runWithCorrelationId('corr-call-1', () =>
      orders.call<{ orderId: string; lines: number }>('POST /orders', { body: { customerId: 'c-1' } }),
    );

    // Assess
    expect(response).toEqual({
      statusCode: 200,
      status: 'success',
      message: 'OK',
      data: { orderId: 'ord_1', lines: 2 },
    });
    expect(sts.send.mock.calls[0]![0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'reports-dev-publish-daily-report',
    });
    expect(ssmCalls).toEqual([
      {
        name: '/dev/orders/platform/api-url',
        region: 'eu-west-1',
        credentials: expect.objectContaining({ accessKeyId: `AKIA${issued}` }),
      },
    ]);
    expect(received).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/orders',
        body: '{"customerId":"c-1"}',
        signatureValid: true,
      }),
    ]);
    expect(received[0]!.headers).toMatchObject({
      'x-correlation-id': 'corr-call-1',
      'x-amz-security-token': `token-${issued}`,
      authorization: expect.stringMatching(
        /^AWS4-HMAC-SHA256 Credential=AKIA\d+\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=/,
      ),
    });
  });

  it('fills path parameters and the query string, both signed', async () => {
    const { orders } = client();
    await orders.call('GET /orders/{id}', { params: { id: 'ord 1/2' }, query: { view: 'full' } });
    expect(received).toEqual([
      expect.objectContaining({ method: 'GET', url: '/orders/ord%201%2F2?view=full', signatureValid: true }),
    ]);
  });

  it('assumes the role once while its credentials are fresh, and again 5 minutes before they expire', async () => {
    let clock = Date.parse('2026-12-02T12:00:00Z');
    const { sts, ssmCalls, orders } = client(() => clock);
    await Promise.all([orders.call('POST /orders'), orders.call('POST /orders')]);
    clock += 54 * 60_000;
    await orders.call('POST /orders');
    expect(sts.send).toHaveBeenCalledTimes(1);
    clock += 2 * 60_000;
    await orders.call('POST /orders');
    expect(sts.send).toHaveBeenCalledTimes(2);
    // The API's URL is read once.
    expect(ssmCalls).toHaveLength(1);
    const keys = received.map((r) => /Credential=(AKIA\d+)/.exec(String(r.headers.authorization))?.[1]);
    expect(new Set(keys.slice(0, 3)).size).toBe(1);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('returns an error status of the callee as its standard response', async () => {
    reply = {
      status: 404,
      body: JSON.stringify({ status: 'notFound', message: 'No order ord_9', data: null }),
    };
    const { orders } = client();
    await expect(orders.call('GET /orders/{id}', { params: { id: 'ord_9' } })).resolves.toEqual({
      statusCode: 404,
      status: 'notFound',
      message: 'No order ord_9',
      data: null,
    });
  });

  it("throws on API Gateway's own 403, saying which declaration allows the route", async () => {
    reply = { status: 403, body: '{"message":"Forbidden"}' };
    const { orders } = client();
    const call = orders.call('POST /orders');
    await expect(call).rejects.toThrow(UnexpectedResponseError);
    await expect(call).rejects.toThrow(
      'orders answered POST /orders with HTTP 403 and no standard response: {"message":"Forbidden"}. A 403 from API Gateway means the invoker role may not call this route: add it to the caller\'s routes in services.orders.routes of stacks/topology.ts.',
    );
  });

  it('fails when the function was not granted the call, naming the fix', () => {
    delete process.env.SERVICE_ORDERS_INVOKER_ROLE_ARN;
    expect(() => serviceClient('orders')).toThrow(
      new ServiceClientConfigError(
        "serviceClient(\"orders\"): SERVICE_ORDERS_INVOKER_ROLE_ARN is not set. Grant the call in the function's stack with fn.grantCall('orders'), allowed by a route of services.orders.routes in stacks/topology.ts.",
      ),
    );
  });

  it('refuses a malformed route key and a missing path parameter before any request', async () => {
    const { orders, sts } = client();
    await expect(orders.call('orders')).rejects.toThrow(/"orders" is not a route key/);
    await expect(orders.call('GET /orders/{id}')).rejects.toThrow(
      "orders GET /orders/{id}: no value for {id}; pass params: { id: '...' }.",
    );
    expect(sts.send).not.toHaveBeenCalled();
    expect(received).toEqual([]);
  });

  it('reports an AssumeRole the invoker role refuses, and tries again on the next call', async () => {
    const { orders, sts } = client();
    sts.send.mockRejectedValueOnce(
      Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' }),
    );
    await expect(orders.call('POST /orders')).rejects.toThrow(ServiceCallError);
    await expect(orders.call('POST /orders')).resolves.toMatchObject({ status: 'success' });
    expect(sts.send).toHaveBeenCalledTimes(2);
  });
});
