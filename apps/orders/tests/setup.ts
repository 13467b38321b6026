import { join } from 'node:path';

// Tests read settings from tests/settings.json, never from AWS. The environment looks like Lambda's
// (lambdaEnvironment.js), where the local provider must be allowed explicitly.
Object.assign(process.env, {
  SERVICE: 'orders',
  AWS_LAMBDA_FUNCTION_NAME: 'orders-test',
  SETTINGS_PROVIDER: 'local',
  SETTINGS_FILE: join(__dirname, 'settings.json'),
  SETTINGS_ALLOW_LOCAL: 'true',
  // Nothing reaches AWS: fake credentials, and every SDK client pointed at a closed loopback port,
  // so a call that escapes a test double fails fast instead of leaving the machine.
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
});
delete process.env.AWS_PROFILE;
