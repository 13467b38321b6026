import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { SettingsSourceError } from './errors';
import { createSecretsProvider, createSsmProvider } from './providers';
import type { SettingsSource } from './types';

export interface AwsSourceOptions {
  /** The SSM client to use (custom endpoint, region, retries). @default one created on first use */
  readonly ssmClient?: SSMClient;
  /** The Secrets Manager client to use. @default one created on first use */
  readonly secretsManagerClient?: SecretsManagerClient;
}

/**
 * Parameters from SSM Parameter Store (GetParametersByPath under the settings path, recursive,
 * decrypted) and secrets from Secrets Manager (GetSecretValue per secret), through Powertools'
 * providers. The providers and the AWS SDK are imported on first use, so a handler that never
 * reads settings does not pay their init, and only those its settings declare are bundled
 * (`parameter()` brings SSM, `secret()` Secrets Manager). Powertools' own cache is bypassed:
 * `createSettings` caches.
 */
export function awsSource(options: AwsSourceOptions = {}): SettingsSource {
  const ssmProvider = retryingOnce(() => createSsmProvider(options.ssmClient));
  const secretsProvider = retryingOnce(() => createSecretsProvider(options.secretsManagerClient));

  return {
    kind: 'aws',
    async getParameters(path) {
      const provider = await ssmProvider();
      try {
        const values = await provider.getMultiple(path, {
          recursive: true,
          decrypt: true,
          forceFetch: true,
          maxAge: 0,
        });
        return Object.fromEntries(
          Object.entries(values ?? {}).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        );
      } catch (error) {
        throw new SettingsSourceError(
          `Cannot read the parameters under ${path} from SSM Parameter Store: ${describeError(error)}. ` +
            `The function needs ssm:GetParametersByPath on that path (and kms:Decrypt for SecureStrings).`,
          { cause: error },
        );
      }
    },
    async getSecrets(names) {
      const provider = await secretsProvider();
      const entries = await Promise.all(
        names.map(async (name) => {
          try {
            const value = await provider.get(name, { forceFetch: true, maxAge: 0 });
            if (value === undefined) return undefined;
            return [name, typeof value === 'string' ? value : Buffer.from(value).toString('utf8')] as const;
          } catch (error) {
            if (rootCause(error)?.name === 'ResourceNotFoundException') return undefined;
            throw new SettingsSourceError(
              `Cannot read the secret "${name}" from Secrets Manager: ${describeError(error)}. ` +
                'The function needs secretsmanager:GetSecretValue on it (and kms:Decrypt for a customer key).',
              { cause: error },
            );
          }
        }),
      );
      return Object.fromEntries(entries.filter((e) => e !== undefined));
    },
    describe: ({ type, name, path }) =>
      type === 'secret'
        ? `secret "${name}" in Secrets Manager`
        : `parameter ${path}${name} in SSM Parameter Store`,
  };
}

/** The first call's promise, shared by every later call; a failed one (e.g. an import) is dropped, so the next call tries again. */
function retryingOnce<T>(create: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= create().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

/** Powertools wraps SDK errors in GetParameterError; the SDK error (its name, e.g. AccessDeniedException) is the cause. */
function rootCause(error: unknown): Error | undefined {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof Error ? cause : error instanceof Error ? error : undefined;
}

function describeError(error: unknown): string {
  const root = rootCause(error);
  return root ? `${root.name}: ${root.message}` : String(error);
}
