import { SettingsConfigError } from './errors';

/** 5 minutes: a changed parameter shows up within that, at one SSM call per container per 5 minutes. */
export const DEFAULT_MAX_AGE_SECONDS = 300;

/** Seconds values stay fresh: the option, else env `SETTINGS_MAX_AGE`, else 300. */
export function resolveMaxAge(explicit: number | undefined): number {
  if (explicit !== undefined) return checkMaxAge(explicit, 'The maxAge option');
  const raw = process.env.SETTINGS_MAX_AGE;
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_AGE_SECONDS;
  return checkMaxAge(Number(raw), `SETTINGS_MAX_AGE ("${raw}")`);
}

export function checkMaxAge(seconds: number, what: string): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new SettingsConfigError(
      `${what} must be a positive number of seconds, e.g. 300 for 5 minutes; got ${String(seconds)}.`,
    );
  }
  return seconds;
}

/**
 * The SSM path of the service's parameters, always ending in "/": the option, else env
 * `SETTINGS_PATH`, else `/${ENVIRONMENT}/${SERVICE}/`. `undefined` when none is set and none is required.
 */
export function resolvePath(explicit: string | undefined, required: boolean): string | undefined {
  if (explicit !== undefined) return checkPath(explicit, 'The path option');
  const { SETTINGS_PATH, ENVIRONMENT, SERVICE } = process.env;
  if (SETTINGS_PATH) return checkPath(SETTINGS_PATH, 'SETTINGS_PATH');
  if (ENVIRONMENT && SERVICE) return checkPath(`/${ENVIRONMENT}/${SERVICE}/`, 'ENVIRONMENT and SERVICE');
  if (!required) return undefined;
  throw new SettingsConfigError(
    'No settings path: set SETTINGS_PATH (e.g. /dev/orders/), or ENVIRONMENT and SERVICE, or pass { path } ' +
      'to createSettings(). The platform function construct sets SETTINGS_PATH.',
  );
}

export function checkPath(path: string, what: string): string {
  // One way to match each path (no nested quantifiers): `^\/([...]+\/?)+$` backtracked exponentially on a
  // malformed path (24 letters then "!": 0.25 s, doubling with each letter more).
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/?$/.test(path)) {
    throw new SettingsConfigError(
      `${what} gives the settings path ${JSON.stringify(path)}; expected an SSM path such as /dev/orders/ ` +
        '(starts with "/", segments of letters, digits, "_", "." and "-").',
    );
  }
  return path.endsWith('/') ? path : `${path}/`;
}

/** Whether the local provider is explicitly allowed inside Lambda (`SETTINGS_ALLOW_LOCAL=true`). */
export function localAllowedByEnv(): boolean {
  return process.env.SETTINGS_ALLOW_LOCAL === 'true';
}
