import * as v from 'valibot';
import { z } from 'zod';
import {
  createSettings,
  defineSettings,
  InvalidSettingError,
  parameter,
  secret,
  SettingNotFoundError,
  SettingsConfigError,
  SettingsDefinitionError,
  SettingsLoadError,
  type SettingsDefinition,
  type StandardSchemaV1,
} from '../../src';
import { fakeClock, fakeSource, isolateEnv } from '../fixtures';

const orders = defineSettings({
  tableName: parameter(v.string()),
  maxItems: parameter(v.pipe(v.string(), v.transform(Number), v.integer()), { default: '10' }),
  apiKey: secret('orders/api-key'),
});
const PATH = '/test/orders/';
const good = { parameters: { tableName: 'orders-test' }, secrets: { 'orders/api-key': 'key-1' } };

function silentLogger() {
  return { warn: jest.fn() };
}

describe('Function: createSettings', () => {
  isolateEnv();

  describe('cold start', () => {
    it('loads, validates and types every setting, applying defaults', async () => {
      // Prepare
      const { source } = fakeSource(good);
      const settings = createSettings(orders, { source, path: PATH });

      // Act
      const values = await settings.get();

      // Assess
      expect(values).toEqual({ tableName: 'orders-test', maxItems: 10, apiKey: 'key-1' });
      expect(Object.isFrozen(values)).toBe(true);
      expect(source.getParameters).toHaveBeenCalledWith(PATH);
      expect(source.getSecrets).toHaveBeenCalledWith(['orders/api-key']);
    });

    it('prefers the stored value over the default', async () => {
      const { source } = fakeSource({ ...good, parameters: { ...good.parameters, maxItems: '25' } });

      const values = await createSettings(orders, { source, path: PATH }).get();

      expect(values.maxItems).toBe(25);
    });

    it('fails fast naming the missing setting and its path', async () => {
      const { source } = fakeSource({ secrets: good.secrets });
      const settings = createSettings(orders, { source, path: PATH });

      const error = await settings.get().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(SettingNotFoundError);
      expect(error).toMatchObject({ key: 'tableName', location: 'parameter /test/orders/tableName' });
      expect((error as Error).message).toBe(
        'Setting "tableName" is required but was not found: no parameter /test/orders/tableName. ' +
          'Create it, or give the setting a default.',
      );
    });

    it('fails fast naming a missing secret', async () => {
      const { source } = fakeSource({ parameters: good.parameters });

      await expect(createSettings(orders, { source, path: PATH }).get()).rejects.toThrow(
        'Setting "apiKey" is required but was not found: no secret "orders/api-key".',
      );
    });

    it('fails fast naming an invalid setting, its path and the validator message', async () => {
      const { source } = fakeSource({ ...good, parameters: { ...good.parameters, maxItems: '2.5' } });

      const error = await createSettings(orders, { source, path: PATH })
        .get()
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(InvalidSettingError);
      expect((error as Error).message).toMatch(
        /^Setting "maxItems" \(parameter \/test\/orders\/maxItems\) is invalid: Invalid integer: Received 2.5$/,
      );
    });

    it('names every problem at once when several settings are wrong', async () => {
      const { source } = fakeSource({ parameters: { maxItems: 'many' } });

      const error = await createSettings(orders, { source, path: PATH })
        .get()
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(SettingsLoadError);
      const { errors, message } = error as SettingsLoadError;
      expect(errors.map((e) => [e.name, e.key])).toEqual([
        ['SettingNotFoundError', 'tableName'],
        ['InvalidSettingError', 'maxItems'],
        ['SettingNotFoundError', 'apiKey'],
      ]);
      expect(message).toMatch(/^3 settings could not be loaded:\n- Setting "tableName"/);
    });

    it('never puts a secret value in an error', async () => {
      const strict = defineSettings({
        apiKey: secret('orders/api-key', v.pipe(v.string(), v.startsWith('sk_'))),
        signingKey: parameter(z.string().regex(/^pk_/), { secure: true }),
      });
      const { source } = fakeSource({
        parameters: { signingKey: 'TOP-SECRET-PARAM' },
        secrets: { 'orders/api-key': 'TOP-SECRET-KEY' },
      });

      const error = (await createSettings(strict, { source, path: PATH })
        .get()
        .catch((e: unknown) => e)) as SettingsLoadError;

      expect(error.message).not.toMatch(/TOP-SECRET/);
      expect(error.errors.map((e) => e.message)).toEqual([
        'Setting "apiKey" (secret "orders/api-key") is invalid: invalid value (details withheld: the value is secret)',
        'Setting "signingKey" (parameter /test/orders/signingKey) is invalid: invalid value (details withheld: the value is secret)',
      ]);
    });

    it('shows where in a JSON secret the problem is, but not the value', async () => {
      const withDb = defineSettings({
        db: secret('orders/db', v.pipe(v.string(), v.parseJson(), v.object({ port: v.number() }))),
      });
      const { source } = fakeSource({ secrets: { 'orders/db': '{"port":"5432-secret"}' } });

      await expect(createSettings(withDb, { source, path: PATH }).get()).rejects.toThrow(
        'Setting "db" (secret "orders/db") is invalid: at "port": invalid value (details withheld: the value is secret)',
      );
    });

    it('treats a setting whose schema accepts undefined as optional', async () => {
      const optional = defineSettings({
        flag: parameter(v.optional(v.string())),
        limit: parameter(z.coerce.number().optional()),
      });
      const { source } = fakeSource();

      await expect(createSettings(optional, { source, path: PATH }).get()).resolves.toEqual({
        flag: undefined,
        limit: undefined,
      });
    });

    it('accepts zod schemas and asynchronous validators', async () => {
      const asyncSchema: StandardSchemaV1<string, string> = {
        '~standard': {
          version: 1,
          vendor: 'test',
          validate: async (value) => ({ value: `checked:${String(value)}` }),
        },
      };
      const mixed = defineSettings({
        port: parameter(z.coerce.number().int()),
        region: parameter(asyncSchema),
      });
      const { source } = fakeSource({ parameters: { port: '8080', region: 'eu-west-1' } });

      await expect(createSettings(mixed, { source, path: PATH }).get()).resolves.toEqual({
        port: 8080,
        region: 'checked:eu-west-1',
      });
    });

    it('reports a validator that throws as an invalid setting', async () => {
      const throwing = defineSettings({
        config: parameter(z.string().transform((s) => JSON.parse(s) as unknown)),
      });
      const { source } = fakeSource({ parameters: { config: '{not json' } });

      const error = await createSettings(throwing, { source, path: PATH })
        .get()
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(InvalidSettingError);
      expect((error as Error).message).toMatch(
        /^Setting "config" \(parameter \/test\/orders\/config\) is invalid: /,
      );
    });

    it("names the validator's error when it throws, and what was thrown when that is not an Error", async () => {
      const throwing = (thrown: unknown): StandardSchemaV1<string, string> => ({
        '~standard': {
          version: 1,
          vendor: 'test',
          validate: () => {
            throw thrown;
          },
        },
      });
      const definition = defineSettings({
        typed: parameter(throwing(new TypeError('bad shape'))),
        nameless: parameter(throwing({ message: 'no name' })),
        nothing: parameter(throwing(undefined)),
      });
      const { source } = fakeSource({ parameters: { typed: 'a', nameless: 'b', nothing: 'c' } });

      const error = (await createSettings(definition, { source, path: PATH })
        .get()
        .catch((e: unknown) => e)) as SettingsLoadError;

      expect(error).toBeInstanceOf(SettingsLoadError);
      expect(error.errors.map((e) => (e as InvalidSettingError).issues)).toEqual([
        ['the validator threw TypeError: bad shape'],
        ['the validator threw an error: no name'],
        ['the validator threw an error: undefined'],
      ]);
    });

    it('prefixes the issue of a non-secret value with where in the value it is', async () => {
      const withDb = defineSettings({
        db: parameter(v.pipe(v.string(), v.parseJson(), v.object({ port: v.number() }))),
      });
      const { source } = fakeSource({ parameters: { db: '{"port":"x"}' } });

      await expect(createSettings(withDb, { source, path: PATH }).get()).rejects.toThrow(
        'Setting "db" (parameter /test/orders/db) is invalid: port: Invalid type: Expected number but received "x"',
      );
    });

    it('reads only stored values, not what every object inherits', async () => {
      const inherited = defineSettings({ toString: parameter(v.string()) });
      const { source } = fakeSource();

      await expect(createSettings(inherited, { source, path: PATH }).get()).rejects.toThrow(
        'Setting "toString" is required but was not found: no parameter /test/orders/toString. ' +
          'Create it, or give the setting a default.',
      );
    });

    it('reads no secrets when none are declared', async () => {
      const onlyParameters = defineSettings({ tableName: parameter(v.string()) });
      const { source } = fakeSource(good);

      await expect(createSettings(onlyParameters, { source, path: PATH }).get()).resolves.toEqual({
        tableName: 'orders-test',
      });
      expect(source.getSecrets).not.toHaveBeenCalled();
    });

    it('passes a source failure through', async () => {
      const { source, state } = fakeSource(good);
      state.failWith = new Error('AccessDeniedException');

      await expect(createSettings(orders, { source, path: PATH }).get()).rejects.toThrow(
        'AccessDeniedException',
      );
    });

    it('shares one load between concurrent cold-start calls', async () => {
      const { source } = fakeSource(good);
      const settings = createSettings(orders, { source, path: PATH });

      const values = await Promise.all([settings.get(), settings.get(), settings.get()]);

      expect(new Set(values).size).toBe(1);
      expect(source.getParameters).toHaveBeenCalledTimes(1);
    });

    it('reads no parameters when none are declared, and then needs no path', async () => {
      const onlySecrets = defineSettings({ apiKey: secret('orders/api-key') });
      const { source } = fakeSource(good);

      await expect(createSettings(onlySecrets, { source }).get()).resolves.toEqual({ apiKey: 'key-1' });
      expect(source.getParameters).not.toHaveBeenCalled();
    });
  });

  describe('warm invocations and refresh', () => {
    it('makes no source call within maxAge', async () => {
      const { source } = fakeSource(good);
      const time = fakeClock();
      const settings = createSettings(orders, { source, path: PATH, maxAge: 300, clock: time.clock });

      await settings.get();
      for (let i = 0; i < 100; i++) {
        time.advance(2_990); // 100 invocations over 299 seconds
        await settings.get();
      }

      expect(source.getParameters).toHaveBeenCalledTimes(1);
      expect(source.getSecrets).toHaveBeenCalledTimes(1);
    });

    it('picks up a changed parameter after maxAge, without a redeploy', async () => {
      const { source, state } = fakeSource(good);
      const time = fakeClock();
      const settings = createSettings(orders, { source, path: PATH, clock: time.clock });
      await settings.get();

      state.parameters.tableName = 'orders-v2';
      time.advance(299_000);
      const before = await settings.get();
      time.advance(1_001);
      const after = await settings.get();

      expect(before.tableName).toBe('orders-test');
      expect(after.tableName).toBe('orders-v2');
      expect(source.getParameters).toHaveBeenCalledTimes(2);
    });

    it('keeps serving the last good values, with a warning, when a refresh fails', async () => {
      const { source, state } = fakeSource(good);
      const time = fakeClock();
      const logger = silentLogger();
      const settings = createSettings(orders, { source, path: PATH, maxAge: 60, clock: time.clock, logger });
      await settings.get();

      state.failWith = new Error('ThrottlingException');
      time.advance(60_001);
      const values = await settings.get();

      expect(values.tableName).toBe('orders-test');
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        'Cache "settings": refresh failed, serving the last value',
        expect.objectContaining({ error: state.failWith }),
      );
    });

    it('keeps the last good values when a refreshed value is invalid', async () => {
      const { source, state } = fakeSource(good);
      const time = fakeClock();
      const logger = silentLogger();
      const settings = createSettings(orders, { source, path: PATH, maxAge: 60, clock: time.clock, logger });
      await settings.get();

      state.parameters.maxItems = 'lots';
      time.advance(60_001);
      const values = await settings.get();

      expect(values.maxItems).toBe(10);
      const [, extra] = logger.warn.mock.calls[0] as [string, { error: Error }];
      expect(extra.error).toBeInstanceOf(InvalidSettingError);
      expect(extra.error.message).toMatch(/^Setting "maxItems"/);
    });

    it('refresh() loads now, whatever the age', async () => {
      const { source, state } = fakeSource(good);
      const settings = createSettings(orders, { source, path: PATH });
      await settings.get();

      state.secrets['orders/api-key'] = 'key-2';
      const refreshed = await settings.refresh();
      const next = await settings.get();

      expect(refreshed.apiKey).toBe('key-2');
      expect(next.apiKey).toBe('key-2');
      expect(source.getSecrets).toHaveBeenCalledTimes(2);
    });

    it('refresh() reports its failure and leaves the cached values in place', async () => {
      const { source, state } = fakeSource(good);
      const settings = createSettings(orders, { source, path: PATH });
      await settings.get();

      delete state.parameters.tableName;

      await expect(settings.refresh()).rejects.toThrow(SettingNotFoundError);
      await expect(settings.get()).resolves.toMatchObject({ tableName: 'orders-test' });
    });

    it('invalidate() makes the next get() load', async () => {
      const { source } = fakeSource(good);
      const settings = createSettings(orders, { source, path: PATH });
      settings.invalidate(); // before any load: nothing to drop
      await settings.get();

      settings.invalidate();
      await settings.get();

      expect(source.getParameters).toHaveBeenCalledTimes(2);
    });
  });

  describe('configuration', () => {
    it('reads the path from SETTINGS_PATH', async () => {
      process.env.SETTINGS_PATH = '/prod/orders/';
      const { source } = fakeSource(good);

      await createSettings(orders, { source }).get();

      expect(source.getParameters).toHaveBeenCalledWith('/prod/orders/');
    });

    it('builds the path from ENVIRONMENT and SERVICE', async () => {
      process.env.ENVIRONMENT = 'staging';
      process.env.SERVICE = 'orders';
      const { source } = fakeSource(good);

      await createSettings(orders, { source }).get();

      expect(source.getParameters).toHaveBeenCalledWith('/staging/orders/');
    });

    it('adds the trailing slash to a path without one', async () => {
      const { source } = fakeSource(good);

      await createSettings(orders, { source, path: '/dev/orders' }).get();

      expect(source.getParameters).toHaveBeenCalledWith('/dev/orders/');
    });

    it('reads the environment on the first get(), not when created', async () => {
      const { source } = fakeSource(good);
      const settings = createSettings(orders, { source });
      process.env.SETTINGS_PATH = '/late/orders/';

      await settings.get();

      expect(source.getParameters).toHaveBeenCalledWith('/late/orders/');
    });

    it('asks a local source, which needs no path, for the parameters under "/"', async () => {
      const { source } = fakeSource(good);

      await createSettings(orders, { source: { ...source, kind: 'local' } }).get();

      expect(source.getParameters).toHaveBeenCalledWith('/');
    });

    it('fails with the fix when no path is set', async () => {
      const { source } = fakeSource(good);

      await expect(createSettings(orders, { source }).get()).rejects.toThrow(
        'No settings path: set SETTINGS_PATH (e.g. /dev/orders/), or ENVIRONMENT and SERVICE, or pass { path } to createSettings().',
      );
    });

    it.each(['dev/orders/', '/dev//orders/', '/dev/or ders/'])(
      'refuses the SETTINGS_PATH %p',
      async (path) => {
        process.env.SETTINGS_PATH = path;
        const { source } = fakeSource(good);

        await expect(createSettings(orders, { source }).get()).rejects.toThrow(
          new RegExp(
            `^SETTINGS_PATH gives the settings path "${path}"; expected an SSM path such as /dev/orders/`,
          ),
        );
      },
    );

    it('refuses a bad path option when created', () => {
      expect(() => createSettings(orders, { path: 'orders' })).toThrow(
        new SettingsConfigError(
          'The path option gives the settings path "orders"; expected an SSM path such as /dev/orders/ ' +
            '(starts with "/", segments of letters, digits, "_", "." and "-").',
        ),
      );
    });

    it('takes maxAge from SETTINGS_MAX_AGE', async () => {
      process.env.SETTINGS_MAX_AGE = '30';
      const { source } = fakeSource(good);
      const time = fakeClock();
      const settings = createSettings(orders, { source, path: PATH, clock: time.clock });

      await settings.get();
      time.advance(29_000);
      await settings.get();
      time.advance(1_001);
      await settings.get();

      expect(source.getParameters).toHaveBeenCalledTimes(2);
    });

    it.each(['abc', '0', '-5'])('refuses SETTINGS_MAX_AGE=%p', async (raw) => {
      process.env.SETTINGS_MAX_AGE = raw;
      const { source } = fakeSource(good);

      await expect(createSettings(orders, { source, path: PATH }).get()).rejects.toThrow(
        `SETTINGS_MAX_AGE ("${raw}") must be a positive number of seconds, e.g. 300 for 5 minutes`,
      );
    });

    it.each([0, -1, Number.NaN, Infinity])('refuses the maxAge option %p when created', (maxAge) => {
      expect(() => createSettings(orders, { maxAge })).toThrow(
        /^The maxAge option must be a positive number of seconds/,
      );
    });

    it('refuses an unknown SETTINGS_PROVIDER', async () => {
      process.env.SETTINGS_PROVIDER = 'vault';

      await expect(createSettings(orders, { path: PATH }).get()).rejects.toThrow(
        'SETTINGS_PROVIDER is "vault"; expected "aws" (the default) or "local".',
      );
    });

    it.each([
      ['the settings themselves', { tableName: parameter(v.string()) }],
      ['nothing', undefined],
      ['a definition without settings', { settings: null, declaration: { parameters: [], secrets: [] } }],
    ])('refuses %s instead of a definition', (_kind, notADefinition) => {
      expect(() => createSettings(notADefinition as unknown as SettingsDefinition)).toThrow(
        new SettingsDefinitionError('createSettings() takes the result of defineSettings({...}).'),
      );
    });
  });
});
