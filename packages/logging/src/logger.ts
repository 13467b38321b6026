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
export const logger = new Logger({
  serviceName: serviceFromEnv(),
  environment: environmentFromEnv(),
  logLevel: levelState.level,
  // Sampling is done per invocation by startInvocation(); 0 stops Powertools from rolling on its own.
  sampleRateValue: 0,
  logFormatter: new PlatformLogFormatter(),
  jsonReplacerFn: redactSecrets,
});

/**
 * What a shared package (caching, queue) warns through: a Powertools or @platform/logging logger fits
 * structurally, and so does a test's stand-in. The one definition those packages share;
 * here, beside `logger`, which fits it.
 */
export interface StructuredLogger {
  warn(message: string, extra?: Record<string, unknown>): void;
  debug?(message: string, extra?: Record<string, unknown>): void;
}
