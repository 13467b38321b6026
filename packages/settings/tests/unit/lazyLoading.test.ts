import type * as SecretsManagerModule from '@aws-sdk/client-secrets-manager';
import type * as SsmModule from '@aws-sdk/client-ssm';
import { isolateEnv } from '../fixtures';

describe('Lazy AWS SDK', () => {
  isolateEnv();

  it('imports no AWS SDK client until settings are first read, then reads AWS by default', async () => {
    const imported: string[] = [];
    const ssmCalls: unknown[] = [];
    await jest.isolateModulesAsync(async () => {
      // Prepare: the SDK modules record when they are first required; their clients answer locally.
      jest.doMock('@aws-sdk/client-ssm', () => {
        imported.push('@aws-sdk/client-ssm');
        const actual = jest.requireActual<typeof SsmModule>('@aws-sdk/client-ssm');
        class SSMClient extends actual.SSMClient {}
        SSMClient.prototype.send = (async (command: { input: unknown }) => {
          ssmCalls.push(command.input);
          return { Parameters: [{ Name: '/dev/orders/tableName', Value: 'orders-dev' }], $metadata: {} };
        }) as never;
        return { ...actual, SSMClient };
      });
      jest.doMock('@aws-sdk/client-secrets-manager', () => {
        imported.push('@aws-sdk/client-secrets-manager');
        const actual = jest.requireActual<typeof SecretsManagerModule>('@aws-sdk/client-secrets-manager');
        class SecretsManagerClient extends actual.SecretsManagerClient {}
        SecretsManagerClient.prototype.send = (async () => ({ SecretString: 'k-1', $metadata: {} })) as never;
        return { ...actual, SecretsManagerClient };
      });
      const { createSettings, defineSettings, parameter, secret } = await import('../../src');
      const schema = {
        '~standard': { version: 1, vendor: 'test', validate: (value: unknown) => ({ value }) },
      } as const;

      // Act 1: import, declare, create
      const settings = createSettings(
        defineSettings({ tableName: parameter(schema), apiKey: secret('orders/api-key') }),
      );

      // Assess 1
      expect(imported).toEqual([]);

      // Act 2: the first read, with nothing but SETTINGS_PATH set (SETTINGS_PROVIDER defaults to aws)
      process.env.SETTINGS_PATH = '/dev/orders/';
      const values = await settings.get();

      // Assess 2
      expect(imported.sort()).toEqual(['@aws-sdk/client-secrets-manager', '@aws-sdk/client-ssm']);
      expect(values).toEqual({ tableName: 'orders-dev', apiKey: 'k-1' });
      expect(ssmCalls).toEqual([
        expect.objectContaining({ Path: '/dev/orders/', Recursive: true, WithDecryption: true }),
      ]);
    });
  });
});
