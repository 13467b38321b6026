import { LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { LogLevelName } from './types';

export const DEFAULT_LEVEL: LogLevelName = 'INFO';

export function toLevelName(value: unknown): LogLevelName | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  return Object.hasOwn(LogLevelThreshold, upper) ? (upper as LogLevelName) : undefined;
}

export function isSampleRate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

/** The level the logger starts with: env `POWERTOOLS_LOG_LEVEL`, else `LOG_LEVEL` (Powertools' names), else INFO. */
export function levelFromEnv(): LogLevelName {
  return toLevelName(process.env.POWERTOOLS_LOG_LEVEL || process.env.LOG_LEVEL) ?? DEFAULT_LEVEL;
}

/** The debug sampling rate the logger starts with: env `POWERTOOLS_LOGGER_SAMPLE_RATE`, else 0. */
export function sampleRateFromEnv(): number {
  const raw = process.env.POWERTOOLS_LOGGER_SAMPLE_RATE;
  const value = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  return isSampleRate(value) ? value : 0;
}

/** `SERVICE`, else Powertools' `POWERTOOLS_SERVICE_NAME` (undefined lets Powertools apply its own fallback). */
export function serviceFromEnv(): string | undefined {
  return process.env.SERVICE || process.env.POWERTOOLS_SERVICE_NAME || undefined;
}

export function environmentFromEnv(): string | undefined {
  return process.env.ENVIRONMENT || undefined;
}
