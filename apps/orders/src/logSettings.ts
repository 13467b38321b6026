import { getSettings } from '@platform/settings';
import { settings } from './settings';

/** Every handler's log level and debug sample rate, from the settings (cached, no AWS call per invocation). */
export async function logSettings() {
  const { logLevel, debugSampleRate } = await getSettings(settings);
  return { level: logLevel, sampleRate: debugSampleRate };
}
