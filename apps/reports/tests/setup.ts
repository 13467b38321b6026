import { join } from 'node:path';

// Tests read settings from tests/settings.json, never from AWS. The environment looks like Lambda's
// (lambdaEnvironment.js), where the local provider must be allowed explicitly.
Object.assign(process.env, {
  SERVICE: 'reports',
  AWS_LAMBDA_FUNCTION_NAME: 'reports-test',
  SETTINGS_PROVIDER: 'local',
  SETTINGS_FILE: join(__dirname, 'settings.json'),
  SETTINGS_ALLOW_LOCAL: 'true',
});
