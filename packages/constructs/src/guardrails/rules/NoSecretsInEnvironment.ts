import { block, isReference } from '../StackView';
import type { Finding, GuardrailRule } from '../types';

const SECRET_NAME =
  /(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|SIGNING_?KEY)/i;
// Names of pointers to a secret, not secrets: ORDERS_API_KEY_SECRET_ARN, DB_PASSWORD_PARAMETER.
const POINTER = /_(ARN|NAME|PATH|PARAM|PARAMETER|SECRET_ID)$/i;

export const NoSecretsInEnvironment: GuardrailRule = {
  id: 'PLAT-LAMBDA-1',
  title: 'No secret values in function environment variables',
  why: 'Environment variables are stored in plain text in Terraform state and shown in the Lambda console to anyone with read access.',
  fix: 'Keep the value in Secrets Manager or an SSM SecureString, read it at runtime (fn.grantSecret, fn.grantSettings) and pass only its name or ARN.',
  check({ view }) {
    const findings: Finding[] = [];
    for (const fn of view.resources('aws_lambda_function')) {
      const variables = (block(fn.config.environment)?.variables ?? {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(variables)) {
        if (!SECRET_NAME.test(name) || POINTER.test(name)) continue;
        if (value === '' || isReference(value) || (typeof value === 'string' && value.startsWith('arn:')))
          continue;
        findings.push({
          address: fn.address,
          // Never print the value: it may be the secret.
          problem: `environment variable ${name} looks secret and holds a literal value (${String(value).length} characters)`,
          fix: 'store the value in Secrets Manager or an SSM SecureString and read it at runtime (fn.grantSecret / fn.grantSettings); pass only its name or ARN',
        });
      }
    }
    return findings;
  },
};
