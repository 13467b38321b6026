import { LogLevelThreshold } from '@aws-lambda-powertools/logger';
import { isSampleRate, toLevelName } from './env';
import { levelState } from './levelState';
import { logger } from './logger';
import type { ActiveLogSettings, LogSettings } from './types';

const LEVEL_NAMES = Object.keys(LogLevelThreshold).join(', ');

/**
 * Changes the log level and the debug sampling rate without a redeploy; handler wrappers call it on each
 * invocation with values read from settings. A new level applies at once (unless this invocation was drawn
 * for DEBUG); a new rate applies from the next draw. An invalid value is logged as a warning and ignored,
 * so a typo in a parameter never fails the function.
 */
export function applyLogSettings(settings: LogSettings): void {
  if (settings.level !== undefined) {
    const level = toLevelName(settings.level);
    if (level) {
      levelState.level = level;
    } else {
      logger.warn(
        `Ignoring log level ${JSON.stringify(settings.level)} from settings: use one of ${LEVEL_NAMES}.`,
      );
    }
  }
  if (settings.sampleRate !== undefined) {
    if (isSampleRate(settings.sampleRate)) {
      levelState.sampleRate = settings.sampleRate;
    } else {
      const value = JSON.stringify(settings.sampleRate);
      logger.warn(`Ignoring debug sample rate ${value} from settings: use a number from 0 to 1.`);
    }
  }
  applyLevel();
}

/** The level and sample rate in effect, and whether this invocation logs at DEBUG by sampling. */
export function getLogSettings(): ActiveLogSettings {
  return {
    level: levelState.level,
    sampleRate: levelState.sampleRate,
    debugSampled: levelState.debugSampled,
  };
}

/** Sets the logger's level: the base level, or DEBUG for a sampled invocation (TRACE stays TRACE). */
export function applyLevel(): void {
  const sampledUp = levelState.debugSampled && LogLevelThreshold[levelState.level] > LogLevelThreshold.DEBUG;
  logger.setLogLevel(sampledUp ? 'DEBUG' : levelState.level);
}
