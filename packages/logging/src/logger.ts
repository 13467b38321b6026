import { Logger } from '@aws-lambda-powertools/logger';
import { environmentFromEnv, serviceFromEnv } from './env';
import { levelState } from './levelState';
import { PlatformLogFormatter } from './PlatformLogFormatter';
import { redactSecrets } from './redactSecrets';

/**
 * The service's logger: one JSON line per call on stdout (stderr for ERROR and CRITICAL), with `service`
 * (env `SERVICE`) and `environment` (env `ENVIRONMENT`), the Lambda context once a wrapper has started the
 * invocation, the correlation ID, and secret-looking keys redacted. Import it anywhere: `logger.info(...)`.
 */
export const logger = withoutLambdaLogLevel(
  () =>
    new Logger({
      serviceName: serviceFromEnv(),
      environment: environmentFromEnv(),
      logLevel: levelState.level,
      // Sampling is done per invocation by startInvocation(); 0 stops Powertools from rolling on its own.
      sampleRateValue: 0,
      logFormatter: new PlatformLogFormatter(),
      jsonReplacerFn: redactSecrets,
    }),
);

/**
 * Creates a logger that does not see `AWS_LAMBDA_LOG_LEVEL`. Powertools 2.35 reads it in the constructor
 * and then pins its level to it: `setLogLevel()` becomes a no-op, so neither the settings' level nor a
 * sampled DEBUG could take effect. Platform functions set Lambda's level to TRACE (Lambda passes every
 * line) and this logger alone filters, by `LOG_LEVEL`, the settings' level and the sample rate.
 */
function withoutLambdaLogLevel<T>(create: () => T): T {
  const lambdaLevel = process.env.AWS_LAMBDA_LOG_LEVEL;
  delete process.env.AWS_LAMBDA_LOG_LEVEL;
  try {
    return create();
  } finally {
    if (lambdaLevel !== undefined) process.env.AWS_LAMBDA_LOG_LEVEL = lambdaLevel;
  }
}

/**
 * What a shared package (caching, queue) warns through: a Powertools or @platform/logging logger fits
 * structurally, and so does a test's stand-in. The one definition those packages share;
 * here, beside `logger`, which fits it.
 */
export interface StructuredLogger {
  warn(message: string, extra?: Record<string, unknown>): void;
  debug?(message: string, extra?: Record<string, unknown>): void;
}
