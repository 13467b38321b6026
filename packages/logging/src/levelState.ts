import { levelFromEnv, sampleRateFromEnv } from './env';
import type { LogLevelName } from './types';

/**
 * The base level and sampling rate, kept here rather than in Powertools: its `refreshSampleRateCalculation()`
 * (2.35) always falls back to the constructor's level and cannot change the rate, so a level or rate read
 * from settings at runtime would be undone on the next invocation.
 */
export const levelState: { level: LogLevelName; sampleRate: number; debugSampled: boolean } = {
  level: levelFromEnv(),
  sampleRate: sampleRateFromEnv(),
  debugSampled: false,
};
