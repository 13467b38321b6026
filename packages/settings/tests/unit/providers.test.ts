import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';

type Providers = typeof import('../../src/providers');

const config = { region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

/** A fresh copy of the module, so what one test declares (useParameterStore...) does not leak into another. */
async function freshProviders(): Promise<Providers> {
  let providers: Providers | undefined;
  await jest.isolateModulesAsync(async () => {
    providers = await import('../../src/providers');
  });
  return providers as Providers;
}

describe('Function: createSsmProvider / createSecretsProvider', () => {
  it('refuses SSM until a parameter() is declared, saying how to declare one', async () => {
    const { createSsmProvider } = await freshProviders();

    await expect(createSsmProvider()).rejects.toThrow(
      'awsSource reads SSM Parameter Store only for settings declared with parameter(...), and this process ' +
        'declares none, so the SSM Parameter Store reader is not loaded (nor bundled). Declare the setting in ' +
        'defineSettings (e.g. tableName: parameter(v.string())).',
    );
  });

  it('refuses Secrets Manager until a secret() is declared, saying how to declare one', async () => {
    const { createSecretsProvider } = await freshProviders();

    await expect(createSecretsProvider()).rejects.toThrow(
      'awsSource reads Secrets Manager only for settings declared with secret(...), and this process ' +
        'declares none, so the Secrets Manager reader is not loaded (nor bundled). Declare the setting in ' +
        "defineSettings (e.g. apiKey: secret('orders/api-key')).",
    );
  });

  it('uses the client it is given once declared', async () => {
    const providers = await freshProviders();
    providers.useParameterStore();
    providers.useSecretsManager();
    const ssmClient = new SSMClient(config);
    const secretsManagerClient = new SecretsManagerClient(config);

    const ssm = await providers.createSsmProvider(ssmClient);
    const secrets = await providers.createSecretsProvider(secretsManagerClient);

    expect(ssm.client).toBe(ssmClient);
    expect(secrets.client).toBe(secretsManagerClient);
  });

  it('creates a client of its own when given none', async () => {
    const providers = await freshProviders();
    providers.useParameterStore();
    providers.useSecretsManager();

    const ssm = await providers.createSsmProvider();
    const secrets = await providers.createSecretsProvider();

    expect(ssm.client.constructor.name).toBe('SSMClient');
    expect(secrets.client.constructor.name).toBe('SecretsManagerClient');
  });
});
