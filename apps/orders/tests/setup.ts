// Unit tests never reach AWS: fake credentials, and every SDK client pointed at a closed loopback
// port, so a call that escapes a mock fails fast instead of leaving the machine.
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  // Settings come from a local file in tests; the Lambda-like environment would refuse it otherwise.
  SETTINGS_PROVIDER: 'local',
  SETTINGS_ALLOW_LOCAL: 'true',
});
delete process.env.AWS_PROFILE;
