import type { LogLevelThreshold } from '@aws-lambda-powertools/logger';

/** A Powertools log level, upper case. */
export type LogLevelName = keyof typeof LogLevelThreshold;

/** Log settings that may change without a redeploy (read from the service's settings on each invocation). */
export interface LogSettings {
  /** TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL or SILENT, any case. @default env `POWERTOOLS_LOG_LEVEL` or `LOG_LEVEL`, else INFO */
  readonly level?: string;
  /** Fraction of invocations, 0 to 1, that log at DEBUG. @default env `POWERTOOLS_LOGGER_SAMPLE_RATE`, else 0 */
  readonly sampleRate?: number;
}

/** The log settings in effect. */
export interface ActiveLogSettings {
  readonly level: LogLevelName;
  readonly sampleRate: number;
  /** Whether the current invocation was drawn to log at DEBUG. */
  readonly debugSampled: boolean;
}
