import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as v from 'valibot';
import {
  awsSource,
  createSettings,
  defineSettings,
  parameter,
  secret,
  SettingNotFoundError,
} from '../../src';
import { fakeClock } from '../fixtures';

/**
 * The whole AWS path (Powertools providers, SDK clients, HTTP, the JSON 1.1 protocol) against a
 * small fake of SSM and Secrets Manager on 127.0.0.1, counting the requests that reach it.
 */
interface FakeAws {
  parameters: Record<string, string>;
  secrets: Record<string, string>;
  failNext: number;
  requests: string[];
}

function startFakeAws(state: FakeAws): Promise<Server> {
  const server = createServer(async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    state.requests.push(target);
    const reply = (status: number, payload: unknown, errorType?: string) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(JSON.stringify(payload));
    };
    if (state.failNext > 0) {
      state.failNext--;
      return reply(500, { __type: 'InternalServerError', message: 'injected' }, 'InternalServerError');
    }
    if (target === 'AmazonSSM.GetParametersByPath') {
      const path = body.Path as string;
      const Parameters = Object.entries(state.parameters)
        .filter(([name]) => name.startsWith(path))
        .map(([Name, Value]) => ({ Name, Value, Type: 'String', Version: 1 }));
      return reply(200, { Parameters });
    }
    if (target === 'secretsmanager.GetSecretValue') {
      const id = body.SecretId as string;
      if (!(id in state.secrets)) {
        return reply(
          400,
          { __type: 'ResourceNotFoundException', message: 'not found' },
          'ResourceNotFoundException',
        );
      }
      return reply(200, { Name: id, SecretString: state.secrets[id] });
    }
    return reply(400, { __type: 'UnknownOperationException', message: target }, 'UnknownOperationException');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

const orders = defineSettings({
  tableName: parameter(v.string()),
  maxItems: parameter(v.pipe(v.string(), v.transform(Number)), { default: '10' }),
  apiKey: secret('orders/api-key'),
});

describe('awsSource over HTTP (127.0.0.1)', () => {
  let server: Server;
  let state: FakeAws;
  let ssmClient: SSMClient;
  let secretsManagerClient: SecretsManagerClient;

  beforeEach(async () => {
    state = {
      parameters: { '/dev/orders/tableName': 'orders-dev' },
      secrets: { 'orders/api-key': 'k-1' },
      failNext: 0,
      requests: [],
    };
    server = await startFakeAws(state);
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = {
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    };
    ssmClient = new SSMClient(config);
    secretsManagerClient = new SecretsManagerClient(config);
  });

  afterEach(async () => {
    ssmClient.destroy();
    secretsManagerClient.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('loads at cold start, makes no request while warm, and picks up a change after maxAge', async () => {
    const time = fakeClock();
    const settings = createSettings(orders, {
      source: awsSource({ ssmClient, secretsManagerClient }),
      path: '/dev/orders/',
      clock: time.clock,
    });

    const cold = await settings.get();
    const afterCold = state.requests.length;
    for (let i = 0; i < 200; i++) {
      time.advance(1_000);
      await settings.get();
    }
    const afterWarm = state.requests.length;
    state.parameters['/dev/orders/tableName'] = 'orders-dev-v2';
    time.advance(100_001);
    const refreshed = await settings.get();

    expect(cold).toEqual({ tableName: 'orders-dev', maxItems: 10, apiKey: 'k-1' });
    expect(afterCold).toBe(2);
    expect(afterWarm).toBe(2);
    expect(refreshed.tableName).toBe('orders-dev-v2');
    expect(state.requests.sort()).toEqual([
      'AmazonSSM.GetParametersByPath',
      'AmazonSSM.GetParametersByPath',
      'secretsmanager.GetSecretValue',
      'secretsmanager.GetSecretValue',
    ]);
  });

  it('serves the last good values with a warning when AWS fails on refresh', async () => {
    const time = fakeClock();
    const warn = jest.fn();
    const settings = createSettings(orders, {
      source: awsSource({ ssmClient, secretsManagerClient }),
      path: '/dev/orders/',
      clock: time.clock,
      logger: { warn },
    });
    await settings.get();

    state.failNext = 2;
    time.advance(300_001);
    const values = await settings.get();

    expect(values.tableName).toBe('orders-dev');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String((warn.mock.calls[0]?.[1] as { error: Error }).error.message)).toMatch(
      /InternalServerError/,
    );
  });

  it('fails the cold start naming a secret that does not exist', async () => {
    delete state.secrets['orders/api-key'];
    const settings = createSettings(orders, {
      source: awsSource({ ssmClient, secretsManagerClient }),
      path: '/dev/orders/',
    });

    const error = await settings.get().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SettingNotFoundError);
    expect((error as Error).message).toMatch(/no secret "orders\/api-key" in Secrets Manager/);
  });
});
