import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { SettingsSourceError } from './errors';

type SsmModule = typeof import('@aws-lambda-powertools/parameters/ssm');
type SecretsModule = typeof import('@aws-lambda-powertools/parameters/secrets');

/**
 * How `awsSource` reaches the Powertools providers. `parameter()` and `secret()` fill it in when a
 * settings file declares them, and the dynamic imports sit inside those calls: a bundler drops the
 * provider, and its AWS SDK client, from every bundle whose settings never declare that kind.
 * (Measured: a function without secrets no longer bundles @aws-sdk/client-secrets-manager, 27 KB.)
 */
const loaders: { ssm?: () => Promise<SsmModule>; secrets?: () => Promise<SecretsModule> } = {};

export function useParameterStore(): void {
  loaders.ssm ??= () => import('@aws-lambda-powertools/parameters/ssm');
}

export function useSecretsManager(): void {
  loaders.secrets ??= () => import('@aws-lambda-powertools/parameters/secrets');
}

export async function createSsmProvider(client?: SSMClient): Promise<SSMProvider> {
  if (!loaders.ssm) throw notDeclared('parameter', 'SSM Parameter Store');
  const { SSMProvider } = await loaders.ssm();
  return new SSMProvider(client ? { awsSdkV3Client: client } : {});
}

export async function createSecretsProvider(client?: SecretsManagerClient): Promise<SecretsProvider> {
  if (!loaders.secrets) throw notDeclared('secret', 'Secrets Manager');
  const { SecretsProvider } = await loaders.secrets();
  return new SecretsProvider(client ? { awsSdkV3Client: client } : {});
}

function notDeclared(helper: 'parameter' | 'secret', service: string): SettingsSourceError {
  return new SettingsSourceError(
    `awsSource reads ${service} only for settings declared with ${helper}(...), and this process declares none, ` +
      `so the ${service} reader is not loaded (nor bundled). Declare the setting in defineSettings ` +
      `(e.g. ${helper === 'secret' ? "apiKey: secret('orders/api-key')" : 'tableName: parameter(v.string())'}).`,
  );
}
