import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  GetParametersByPathCommand,
  SSMClient,
  type GetParametersByPathCommandInput,
} from '@aws-sdk/client-ssm';
import * as v from 'valibot';
import {
  awsSource,
  createSettings,
  defineSettings,
  parameter,
  secret,
  SettingNotFoundError,
  SettingsSourceError,
} from '../../src';
import { fakeClock, isolateEnv } from '../fixtures';

const config = { region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const PATH = '/dev/orders/';

/** Real SDK clients whose `send` is replaced: Powertools runs for real, nothing leaves the process. */
function mockedClients(
  options: { parameters?: Record<string, string>; secrets?: Record<string, string> } = {},
) {
  const ssmClient = new SSMClient(config);
  const secretsManagerClient = new SecretsManagerClient(config);
  const parameters = { ...options.parameters };
  const secrets = { ...options.secrets };
  const ssmSend = jest.spyOn(ssmClient, 'send').mockImplementation(async (command: unknown) => {
    if (!(command instanceof GetParametersByPathCommand)) throw new Error('unexpected SSM command');
    const input = command.input;
    return {
      Parameters: Object.entries(parameters)
        .filter(([name]) => name.startsWith(input.Path ?? ''))
        .map(([Name, Value]) => ({ Name, Value, Type: 'String' })),
      $metadata: {},
    };
  });
  const secretsSend = jest
    .spyOn(secretsManagerClient, 'send')
    .mockImplementation(async (command: unknown) => {
      if (!(command instanceof GetSecretValueCommand)) throw new Error('unexpected Secrets Manager command');
      const id = command.input.SecretId as string;
      if (!(id in secrets)) {
        throw new ResourceNotFoundException({
          message: "Secrets Manager can't find the specified secret.",
          $metadata: {},
        });
      }
      return { SecretString: secrets[id], $metadata: {} };
    });
  return { ssmClient, secretsManagerClient, ssmSend, secretsSend, parameters, secrets };
}

const orders = defineSettings({
  tableName: parameter(v.string()),
  dbHost: parameter(v.string(), { name: 'db/host' }),
  maxItems: parameter(v.pipe(v.string(), v.transform(Number)), { default: '10' }),
  apiKey: secret('orders/api-key'),
});

describe('Function: awsSource', () => {
  isolateEnv();

  it('reads parameters by path (recursive, decrypted) and names them relative to the path', async () => {
    // Prepare
    const { ssmClient, ssmSend } = mockedClients({
      parameters: {
        '/dev/orders/tableName': 'orders-dev',
        '/dev/orders/db/host': 'db.internal',
        '/dev/other/x': 'no',
      },
    });
    const source = awsSource({ ssmClient });

    // Act
    const values = await source.getParameters(PATH);

    // Assess
    expect(values).toEqual({ tableName: 'orders-dev', 'db/host': 'db.internal' });
    expect(ssmSend).toHaveBeenCalledTimes(1);
    const input = (ssmSend.mock.calls[0]?.[0] as GetParametersByPathCommand)
      .input as GetParametersByPathCommandInput;
    expect(input).toMatchObject({ Path: PATH, Recursive: true, WithDecryption: true });
  });

  it('follows NextToken across pages', async () => {
    const ssmClient = new SSMClient(config);
    const send = jest
      .spyOn(ssmClient, 'send')
      .mockImplementationOnce(async () => ({
        Parameters: [{ Name: '/dev/orders/a', Value: '1' }],
        NextToken: 'page-2',
        $metadata: {},
      }))
      .mockImplementationOnce(async () => ({
        Parameters: [{ Name: '/dev/orders/b', Value: '2' }],
        $metadata: {},
      }));

    const values = await awsSource({ ssmClient }).getParameters(PATH);

    expect(values).toEqual({ a: '1', b: '2' });
    expect(send).toHaveBeenCalledTimes(2);
    expect((send.mock.calls[1]?.[0] as GetParametersByPathCommand).input.NextToken).toBe('page-2');
  });

  it('reads each secret by name and leaves out the ones that do not exist', async () => {
    const { secretsManagerClient, secretsSend } = mockedClients({ secrets: { 'orders/api-key': 'k-1' } });

    const values = await awsSource({ secretsManagerClient }).getSecrets(['orders/api-key', 'orders/missing']);

    expect(values).toEqual({ 'orders/api-key': 'k-1' });
    expect(secretsSend).toHaveBeenCalledTimes(2);
  });

  it('decodes a binary secret as UTF-8', async () => {
    const secretsManagerClient = new SecretsManagerClient(config);
    jest.spyOn(secretsManagerClient, 'send').mockImplementation(async () => ({
      SecretBinary: new TextEncoder().encode('bin-value'),
      $metadata: {},
    }));

    await expect(awsSource({ secretsManagerClient }).getSecrets(['orders/bin'])).resolves.toEqual({
      'orders/bin': 'bin-value',
    });
  });

  it('leaves out a parameter that comes without a value, and a secret with neither string nor binary', async () => {
    const ssmClient = new SSMClient(config);
    jest.spyOn(ssmClient, 'send').mockImplementation(async () => ({
      Parameters: [{ Name: '/dev/orders/tableName', Value: 'orders-dev' }, { Name: '/dev/orders/empty' }],
      $metadata: {},
    }));
    const secretsManagerClient = new SecretsManagerClient(config);
    jest.spyOn(secretsManagerClient, 'send').mockImplementation(async () => ({ $metadata: {} }));
    const source = awsSource({ ssmClient, secretsManagerClient });

    await expect(source.getParameters(PATH)).resolves.toStrictEqual({ tableName: 'orders-dev' });
    await expect(source.getSecrets(['orders/empty'])).resolves.toStrictEqual({});
  });

  it("asks AWS on every read, bypassing Powertools' own cache even within the same instant", async () => {
    // Powertools would serve a value younger than its maxAge from its cache: the clock stands still here.
    jest.useFakeTimers({ now: 1_700_000_000_000, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
    try {
      const clients = mockedClients({
        parameters: { '/dev/orders/tableName': 'v1' },
        secrets: { 'orders/api-key': 'k-1' },
      });
      const source = awsSource(clients);
      await source.getParameters(PATH);
      await source.getSecrets(['orders/api-key']);

      clients.parameters['/dev/orders/tableName'] = 'v2';
      clients.secrets['orders/api-key'] = 'k-2';

      await expect(source.getParameters(PATH)).resolves.toEqual({ tableName: 'v2' });
      await expect(source.getSecrets(['orders/api-key'])).resolves.toEqual({ 'orders/api-key': 'k-2' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('wraps an SSM failure with the path, the AWS error and the permission needed', async () => {
    const ssmClient = new SSMClient(config);
    const denied = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' });
    jest.spyOn(ssmClient, 'send').mockImplementation(async () => Promise.reject(denied));

    const error = await awsSource({ ssmClient })
      .getParameters(PATH)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SettingsSourceError);
    expect((error as Error).message).toBe(
      'Cannot read the parameters under /dev/orders/ from SSM Parameter Store: AccessDeniedException: User is not authorized. ' +
        'The function needs ssm:GetParametersByPath on that path (and kms:Decrypt for SecureStrings).',
    );
    expect(((error as Error).cause as Error).cause).toBe(denied);
  });

  it('wraps a Secrets Manager failure other than "not found"', async () => {
    const secretsManagerClient = new SecretsManagerClient(config);
    const denied = Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
    jest.spyOn(secretsManagerClient, 'send').mockImplementation(async () => Promise.reject(denied));

    const error = await awsSource({ secretsManagerClient })
      .getSecrets(['orders/api-key'])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SettingsSourceError);
    expect((error as Error).message).toBe(
      'Cannot read the secret "orders/api-key" from Secrets Manager: AccessDeniedException: not allowed. ' +
        'The function needs secretsmanager:GetSecretValue on it (and kms:Decrypt for a customer key).',
    );
    expect(((error as Error).cause as Error).cause).toBe(denied);
  });

  it('tries again to load a reader whose first load failed', async () => {
    await jest.isolateModulesAsync(async () => {
      // Prepare: a fresh module where no parameter() has been declared yet, so the first load fails.
      const fresh = await import('../../src');
      const providers = await import('../../src/providers');
      const ssm = await import('@aws-sdk/client-ssm'); // the isolated copy, which Powertools checks against
      const ssmClient = new ssm.SSMClient(config);
      jest.spyOn(ssmClient, 'send').mockImplementation(async () => ({
        Parameters: [{ Name: '/dev/orders/tableName', Value: 'orders-dev' }],
        $metadata: {},
      }));
      const source = fresh.awsSource({ ssmClient });

      // Act
      const first = await source.getParameters(PATH).catch((e: unknown) => e);
      providers.useParameterStore();
      const second = await source.getParameters(PATH);

      // Assess
      expect((first as Error).message).toMatch(
        /^awsSource reads SSM Parameter Store only for settings declared/,
      );
      expect(second).toEqual({ tableName: 'orders-dev' });
    });
  });

  it('describes where each value lives', () => {
    const source = awsSource();

    expect(source.kind).toBe('aws');
    expect(source.describe({ type: 'parameter', name: 'db/host', path: PATH })).toBe(
      'parameter /dev/orders/db/host in SSM Parameter Store',
    );
    expect(source.describe({ type: 'secret', name: 'orders/api-key', path: PATH })).toBe(
      'secret "orders/api-key" in Secrets Manager',
    );
  });

  describe('with createSettings', () => {
    it('makes one SSM call and one call per secret at cold start, and none while warm', async () => {
      // Prepare
      const clients = mockedClients({
        parameters: { '/dev/orders/tableName': 'orders-dev', '/dev/orders/db/host': 'db' },
        secrets: { 'orders/api-key': 'k-1' },
      });
      const time = fakeClock();
      const settings = createSettings(orders, { source: awsSource(clients), path: PATH, clock: time.clock });

      // Act: a cold start, then 1,000 warm invocations within 5 minutes
      const cold = await settings.get();
      for (let i = 0; i < 1_000; i++) {
        time.advance(299);
        await settings.get();
      }

      // Assess
      expect(cold).toEqual({ tableName: 'orders-dev', dbHost: 'db', maxItems: 10, apiKey: 'k-1' });
      expect(clients.ssmSend).toHaveBeenCalledTimes(1);
      expect(clients.secretsSend).toHaveBeenCalledTimes(1);
    });

    it('refreshes after 5 minutes and picks up a changed parameter', async () => {
      const clients = mockedClients({
        parameters: { '/dev/orders/tableName': 'v1', '/dev/orders/db/host': 'db' },
        secrets: { 'orders/api-key': 'k-1' },
      });
      const time = fakeClock();
      const settings = createSettings(orders, { source: awsSource(clients), path: PATH, clock: time.clock });
      await settings.get();

      clients.parameters['/dev/orders/tableName'] = 'v2';
      time.advance(300_001);
      const refreshed = await settings.get();

      expect(refreshed.tableName).toBe('v2');
      expect(clients.ssmSend).toHaveBeenCalledTimes(2);
      expect(clients.secretsSend).toHaveBeenCalledTimes(2);
    });

    it('fails the cold start naming a secret that does not exist', async () => {
      const clients = mockedClients({
        parameters: { '/dev/orders/tableName': 'v1', '/dev/orders/db/host': 'db' },
      });
      const settings = createSettings(orders, { source: awsSource(clients), path: PATH });

      const error = await settings.get().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(SettingNotFoundError);
      expect((error as Error).message).toBe(
        'Setting "apiKey" is required but was not found: no secret "orders/api-key" in Secrets Manager. ' +
          'Create it, or give the setting a default.',
      );
    });
  });
});
