import type { Context } from 'aws-lambda';
import { logger, runWithCorrelationId, startInvocation, type LogSettings } from '@platform/logging';
import { recordInvocation, type InvocationOutcome } from './invocationMetrics';
import type { LogSettingsSource } from './types';

export interface InvocationScope {
  readonly event: unknown;
  readonly context: Context | undefined;
  readonly correlationId: string;
  readonly logSettings: LogSettingsSource | undefined;
}

/** How a wrapper reports its invocation's result, or the error it throws, in the metrics. */
export interface OutcomeOf<T> {
  readonly result: (result: T) => InvocationOutcome;
  readonly error: (error: unknown) => InvocationOutcome;
}

/**
 * What every wrapper does around its work, under the correlation ID: read the log settings, start the
 * invocation in the logger (Lambda context, cold start, debug sampling), run the work, then write the
 * invocation's metrics (invocationMetrics.ts) from its result or error, when the wrapper says how.
 */
export function runInvocation<T>(
  scope: InvocationScope,
  work: () => Promise<T>,
  outcome?: OutcomeOf<T>,
): Promise<T> {
  return runWithCorrelationId(scope.correlationId, async () => {
    const { settings, error } = await readLogSettings(scope.logSettings);
    const context = typeof scope.context === 'object' && scope.context !== null ? scope.context : undefined;
    startInvocation(context, { event: scope.event, settings });
    if (error !== undefined) {
      // Logging configuration must never fail the function: keep the current settings.
      logger.warn('Could not read the log settings; keeping the current ones', asError(error));
    }
    let result: T;
    try {
      result = await work();
    } catch (error) {
      if (outcome) recordInvocation(context, outcome.error(error));
      throw error;
    }
    if (outcome) recordInvocation(context, outcome.result(result));
    return result;
  });
}

async function readLogSettings(
  source: LogSettingsSource | undefined,
): Promise<{ settings?: LogSettings; error?: unknown }> {
  if (!source) return {};
  try {
    const settings = await source();
    return typeof settings === 'object' && settings !== null ? { settings } : {};
  } catch (error) {
    return { error };
  }
}

export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(`Non-error thrown: ${String(value)}`);
}
