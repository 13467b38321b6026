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

  it('never loads Secrets Manager for settings that declare no secret', async () => {
    const imported: string[] = [];
    await jest.isolateModulesAsync(async () => {
      // Prepare
      jest.doMock('@aws-sdk/client-ssm', () => {
        imported.push('@aws-sdk/client-ssm');
        const actual = jest.requireActual<typeof SsmModule>('@aws-sdk/client-ssm');
        class SSMClient extends actual.SSMClient {}
        SSMClient.prototype.send = (async () => ({
          Parameters: [{ Name: '/dev/reports/topSkuCount', Value: '5' }],
          $metadata: {},
        })) as never;
        return { ...actual, SSMClient };
      });
      jest.doMock('@aws-sdk/client-secrets-manager', () => {
        imported.push('@aws-sdk/client-secrets-manager');
        return jest.requireActual('@aws-sdk/client-secrets-manager');
      });
      const { awsSource, createSettings, defineSettings, parameter, SettingsSourceError } =
        await import('../../src');
      const schema = {
        '~standard': { version: 1, vendor: 'test', validate: (value: unknown) => ({ value }) },
      } as const;
      process.env.SETTINGS_PATH = '/dev/reports/';

      // Act
      const values = await createSettings(defineSettings({ topSkuCount: parameter(schema) })).get();
      const undeclared = await awsSource()
        .getSecrets(['reports/api-key'])
        .catch((error: unknown) => error);

      // Assess
      expect(values).toEqual({ topSkuCount: '5' });
      expect(imported).toEqual(['@aws-sdk/client-ssm']);
      expect(undeclared).toBeInstanceOf(SettingsSourceError);
      expect((undeclared as Error).message).toMatch(
        /awsSource reads Secrets Manager only for settings declared with secret\(\.\.\.\)/,
      );
    });
  });
});
