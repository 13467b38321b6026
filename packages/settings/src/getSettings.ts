import { createSettings } from './createSettings';
import type { Settings, SettingsDefinition } from './types';

const loaders = new Map<SettingsDefinition<unknown>, Settings<unknown>>();

/**
 * The settings of a definition, configured by the environment: one cached loader per definition
 * per container (see `createSettings`, which takes options such as a source for tests).
 *
 * @example
 * const { tableName, apiKey } = await getSettings(settings);
 */
export function getSettings<T>(definition: SettingsDefinition<T>): Promise<T> {
  let loader = loaders.get(definition) as Settings<T> | undefined;
  if (!loader) {
    loader = createSettings(definition);
    loaders.set(definition, loader);
  }
  return loader.get();
}

/** Forgets every loader `getSettings` made, so the next call reads the environment again (tests). */
export function resetSettings(): void {
  loaders.clear();
}
