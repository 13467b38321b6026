// Baseline with the AWS SDK clients the settings package needs, used directly.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';

const ssm = new SSMClient({});
const secrets = new SecretsManagerClient({});
export const handler = async () => {
  const [{ Parameters = [] }, { SecretString }] = await Promise.all([
    ssm.send(
      new GetParametersByPathCommand({
        Path: process.env.SETTINGS_PATH,
        Recursive: true,
        WithDecryption: true,
      }),
    ),
    secrets.send(new GetSecretValueCommand({ SecretId: 'bench/api-key' })),
  ]);
  return { statusCode: 200, body: String(Parameters.length + (SecretString?.length ?? 0)) };
};
