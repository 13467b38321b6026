import { Cache } from '@platform/caching';
import { checkMaxAge, checkPath, resolveMaxAge, resolvePath } from './env';
import { SettingsDefinitionError } from './errors';
import { loadValues } from './loadValues';
import { resolveSource } from './resolveSource';
import type { Settings, SettingsDefinition, SettingsOptions } from './types';

const KEY = 'settings';

/**
 * A loader of a service's settings, cached for the life of the container: the first `get()` loads
 * (one GetParametersByPath, one GetSecretValue per secret) and fails with the setting's name and
 * location when a required value is missing or invalid; later calls within `maxAge` make no AWS
 * call; after that, one refresh, and if it fails the last good values are served with a warning.
 *
 * Options are checked here; the environment (`SETTINGS_*`, `ENVIRONMENT`, `SERVICE`) is read on
 * the first `get()`.
 */
export function createSettings<T>(
  definition: SettingsDefinition<T>,
  options: SettingsOptions = {},
): Settings<T> {
  if (typeof definition?.settings !== 'object' || definition.settings === null) {
    throw new SettingsDefinitionError('createSettings() takes the result of defineSettings({...}).');
  }
  if (options.maxAge !== undefined) checkMaxAge(options.maxAge, 'The maxAge option');
  if (options.path !== undefined) checkPath(options.path, 'The path option');

  let state: { cache: Cache<T>; load: () => Promise<T> } | undefined;
  const init = () => {
    if (state) return state;
    const source = options.source ?? resolveSource();
    const needsPath = source.kind !== 'local' && definition.declaration.parameters.length > 0;
    const path = resolvePath(options.path, needsPath) ?? '/';
    const cache = new Cache<T>({
      name: 'settings',
      ttl: resolveMaxAge(options.maxAge) * 1000,
      max: 1,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    state = { cache, load: () => loadValues(definition, source, path) };
    return state;
  };

  return {
    async get() {
      const { cache, load } = init();
      return cache.get(KEY, load);
    },
    async refresh() {
      const { cache, load } = init();
      // An explicit refresh reports its failure; the cached values stay as they were.
      const values = await load();
      cache.set(KEY, values);
      return values;
    },
    invalidate() {
      state?.cache.invalidate(KEY);
    },
  };
}
