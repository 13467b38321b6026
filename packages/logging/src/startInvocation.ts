import type { Context } from 'aws-lambda';
import { applyLevel, applyLogSettings } from './applyLogSettings';
import { levelState } from './levelState';
import { logger } from './logger';
import type { LogSettings } from './types';

export interface StartInvocationOptions {
  /** Logged as "Lambda invocation event" when env `POWERTOOLS_LOGGER_LOG_EVENT` is true (secrets redacted). */
  readonly event?: unknown;
  /** Log settings read for this invocation, applied before the sampling draw. */
  readonly settings?: LogSettings;
}

/**
 * Called by the handler wrappers at the start of each invocation: adds the Lambda context to every line
 * (function name and version, request ID, cold start), drops keys appended during the previous invocation,
 * applies the settings, and draws whether this invocation logs at DEBUG (probability: the sample rate).
 */
export function startInvocation(context: Context | undefined, options: StartInvocationOptions = {}): void {
  if (context) logger.addContext(context);
  logger.resetKeys();
  if (options.settings) applyLogSettings(options.settings);
  levelState.debugSampled = levelState.sampleRate > 0 && Math.random() < levelState.sampleRate;
  applyLevel();
  if (levelState.debugSampled) {
    logger.debug('Debug sampling: this invocation logs at DEBUG');
  }
  logger.logEventIfEnabled(options.event);
}
