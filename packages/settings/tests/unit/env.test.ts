import { checkPath, resolveMaxAge, resolvePath } from '../../src/env';
import { SettingsConfigError } from '../../src/errors';

const saved = { ...process.env };
beforeEach(() => {
  for (const name of ['SETTINGS_MAX_AGE', 'SETTINGS_PATH', 'ENVIRONMENT', 'SERVICE'])
    delete process.env[name];
});
afterAll(() => {
  process.env = saved;
});

describe('Function: resolveMaxAge', () => {
  it('is 300 s when SETTINGS_MAX_AGE is unset, empty or blank', () => {
    expect(resolveMaxAge(undefined)).toBe(300);
    process.env.SETTINGS_MAX_AGE = '';
    expect(resolveMaxAge(undefined)).toBe(300);
    process.env.SETTINGS_MAX_AGE = '   ';
    expect(resolveMaxAge(undefined)).toBe(300);
  });

  it('takes the option first, then SETTINGS_MAX_AGE', () => {
    process.env.SETTINGS_MAX_AGE = '60';
    expect(resolveMaxAge(undefined)).toBe(60);
    expect(resolveMaxAge(5)).toBe(5);
  });

  it('refuses what is not a positive number of seconds, naming where it came from', () => {
    process.env.SETTINGS_MAX_AGE = 'ten';
    expect(() => resolveMaxAge(undefined)).toThrow(
      new SettingsConfigError(
        'SETTINGS_MAX_AGE ("ten") must be a positive number of seconds, e.g. 300 for 5 minutes; got NaN.',
      ),
    );
    expect(() => resolveMaxAge(0)).toThrow(
      'The maxAge option must be a positive number of seconds, e.g. 300 for 5 minutes; got 0.',
    );
    expect(() => resolveMaxAge(Infinity)).toThrow(
      'The maxAge option must be a positive number of seconds, e.g. 300 for 5 minutes; got Infinity.',
    );
  });
});

describe('Function: resolvePath', () => {
  it('takes the option, then SETTINGS_PATH, then /ENVIRONMENT/SERVICE/, always ending in "/"', () => {
    process.env.ENVIRONMENT = 'dev';
    process.env.SERVICE = 'orders';
    expect(resolvePath(undefined, true)).toBe('/dev/orders/');
    process.env.SETTINGS_PATH = '/prod/orders';
    expect(resolvePath(undefined, true)).toBe('/prod/orders/');
    expect(resolvePath('/staging/orders/', true)).toBe('/staging/orders/');
  });

  it('needs both ENVIRONMENT and SERVICE; with neither path, undefined unless one is required', () => {
    process.env.ENVIRONMENT = 'dev';
    expect(resolvePath(undefined, false)).toBeUndefined();
    expect(() => resolvePath(undefined, true)).toThrow(
      new SettingsConfigError(
        'No settings path: set SETTINGS_PATH (e.g. /dev/orders/), or ENVIRONMENT and SERVICE, or pass { path } ' +
          'to createSettings(). The platform function construct sets SETTINGS_PATH.',
      ),
    );
  });

  it('names the source of a malformed path', () => {
    const expected = (what: string, path: string) =>
      `${what} gives the settings path ${JSON.stringify(path)}; expected an SSM path such as /dev/orders/ ` +
      '(starts with "/", segments of letters, digits, "_", "." and "-").';
    expect(() => resolvePath('dev/orders', true)).toThrow(expected('The path option', 'dev/orders'));
    process.env.ENVIRONMENT = 'dev env';
    process.env.SERVICE = 'orders';
    expect(() => resolvePath(undefined, true)).toThrow(
      expected('ENVIRONMENT and SERVICE', '/dev env/orders/'),
    );
  });
});

describe('Function: checkPath', () => {
  it('refuses a value that is not a string even when it prints as a path', () => {
    expect(() => checkPath(['/dev/orders/'] as unknown as string, 'The path option')).toThrow(
      SettingsConfigError,
    );
  });

  it('refuses empty segments', () => {
    expect(() => checkPath('/dev//orders/', 'SETTINGS_PATH')).toThrow(SettingsConfigError);
    expect(checkPath('/dev/orders', 'SETTINGS_PATH')).toBe('/dev/orders/');
  });
});
