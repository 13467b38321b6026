// Jest `setupFiles` entry: a Lambda-like environment for every test file, whatever the developer's shell holds.
// The platform logger reads it when its module loads, so it must be set before any import.
// Use: setupFiles: ['<rootDir>/../test-helpers/setup/lambdaEnvironment.js']
Object.assign(process.env, {
  SERVICE: 'orders',
  ENVIRONMENT: 'test',
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'orders-test-process-orders',
  // Lambda sets this for on-demand environments; Powertools reports cold starts only then.
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  // What Lambda derives from the platform's logging_config (JSON, application level TRACE).
  AWS_LAMBDA_LOG_FORMAT: 'JSON',
  AWS_LAMBDA_LOG_LEVEL: 'TRACE',
});
for (const name of [
  'POWERTOOLS_DEV',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
  'LOG_LEVEL',
  'POWERTOOLS_LOGGER_SAMPLE_RATE',
  'POWERTOOLS_LOGGER_LOG_EVENT',
  'AWS_LAMBDA_MAX_CONCURRENCY',
  '_X_AMZN_TRACE_ID',
  'TZ',
]) {
  delete process.env[name];
}
