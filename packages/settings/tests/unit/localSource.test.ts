import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import {
  createSettings,
  defineSettings,
  localSource,
  LocalSourceInLambdaError,
  parameter,
  secret,
  SettingsConfigError,
  type LocalSourceOptions,
} from '../../src';
import { isolateEnv } from '../fixtures';

const orders = defineSettings({
  tableName: parameter(v.string()),
  maxItems: parameter(v.pipe(v.string(), v.transform(Number)), { default: '10' }),
  apiKey: secret('orders/api-key'),
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-local-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('Function: localSource', () => {
  isolateEnv();

  it('serves parameters and secrets from an in-memory map, without a settings path', async () => {
    const source = localSource({
      values: { tableName: 'orders-local', maxItems: 5, 'orders/api-key': 'dev-key' },
    });

    const values = await createSettings(orders, { source }).get();

    expect(values).toEqual({ tableName: 'orders-local', maxItems: 5, apiKey: 'dev-key' });
  });

  it('turns objects into JSON and skips null values', async () => {
    const source = localSource({ values: { 'orders/db': { user: 'app' }, flag: true, nothing: null } });

    expect(await source.getParameters('/')).toEqual({ 'orders/db': '{"user":"app"}', flag: 'true' });
    // Strict: a name without a value is left out, not present as undefined.
    expect(await source.getSecrets(['orders/db', 'nothing', 'absent'])).toStrictEqual({
      'orders/db': '{"user":"app"}',
    });
  });

  it('reads a JSON file on every load, so edits show up on refresh', async () => {
    const file = writeJson('edit.json', { tableName: 'first', 'orders/api-key': 'k' });
    const settings = createSettings(orders, { source: localSource({ file }) });
    const first = await settings.get();

    writeJson('edit.json', { tableName: 'second', 'orders/api-key': 'k' });
    const refreshed = await settings.refresh();

    expect(first.tableName).toBe('first');
    expect(refreshed.tableName).toBe('second');
  });

  it('names the local file when a setting is missing', async () => {
    const file = writeJson('partial.json', { 'orders/api-key': 'k' });

    await expect(createSettings(orders, { source: localSource({ file }) }).get()).rejects.toThrow(
      `Setting "tableName" is required but was not found: no parameter "tableName" in the local settings (${file}).`,
    );
  });

  it('fails clearly on a missing file', async () => {
    const file = join(dir, 'does-not-exist.json');

    const error = await localSource({ file })
      .getParameters('/')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SettingsConfigError);
    expect((error as Error).message).toBe(
      `Cannot read the local settings file ${file} (ENOENT). Check SETTINGS_FILE or the { file } option.`,
    );
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
  });

  it('fails clearly on a file that is not JSON', async () => {
    const file = writeJson('broken.json', '{ "tableName": ');

    const error = await localSource({ file })
      .getParameters('/')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SettingsConfigError);
    expect((error as Error).message).toBe(
      `The local settings file ${file} is not valid JSON: Unexpected end of JSON input`,
    );
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it.each([
    ['array', [1, 2]],
    ['string', '"text"'],
  ])('fails clearly on a file holding a JSON %s', async (_kind, content) => {
    const file = writeJson('not-object.json', JSON.stringify(content));

    await expect(localSource({ file }).getParameters('/')).rejects.toThrow(
      `The local settings file ${file} must be a JSON object of name -> value, ` +
        'e.g. { "tableName": "orders-local", "orders/api-key": "dev-key" }.',
    );
  });

  it.each([
    ['an array', ['tableName']],
    ['null', null],
  ])('refuses values that are %s instead of an object, without naming a file', async (_kind, values) => {
    const source = localSource({ values: values as unknown as Record<string, unknown> });

    await expect(source.getParameters('/')).rejects.toThrow(
      'The local settings must be a JSON object of name -> value, ' +
        'e.g. { "tableName": "orders-local", "orders/api-key": "dev-key" }.',
    );
  });

  it('skips undefined values and keeps empty strings', async () => {
    const source = localSource({ values: { tableName: '', absent: undefined, zero: 0, big: 10n } });

    expect(source.kind).toBe('local');
    await expect(source.getParameters('/')).resolves.toEqual({ tableName: '', zero: '0', big: '10' });
  });

  it('describes where a value lives, naming the file only when there is one', () => {
    const file = join(dir, 'where.json');

    expect(localSource({ values: {} }).describe({ type: 'parameter', name: 'tableName', path: '/' })).toBe(
      'parameter "tableName" in the local settings',
    );
    expect(localSource({ file }).describe({ type: 'secret', name: 'orders/api-key', path: '/' })).toBe(
      `secret "orders/api-key" in the local settings (${file})`,
    );
  });

  it.each([{}, { values: {}, file: 'x.json' }, undefined])(
    'takes exactly one of values or file, not %p',
    (options) => {
      expect(() => localSource(options as LocalSourceOptions)).toThrow(
        'localSource() takes exactly one of { values } (an object) or { file } (a JSON file path).',
      );
    },
  );

  describe('inside Lambda', () => {
    beforeEach(() => {
      process.env.AWS_LAMBDA_FUNCTION_NAME = 'orders-dev-create-order';
    });

    it('refuses to serve, with the reason and the fix', async () => {
      const source = localSource({ values: { tableName: 't' } });

      const error = await source.getParameters('/').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(LocalSourceInLambdaError);
      expect(error).toBeInstanceOf(SettingsConfigError);
      expect((error as Error).message).toBe(
        'The local settings provider was chosen (SETTINGS_PROVIDER=local or localSource()), but this runs in Lambda ' +
          '(AWS_LAMBDA_FUNCTION_NAME=orders-dev-create-order). Deployed functions read SSM and Secrets Manager: remove ' +
          'SETTINGS_PROVIDER from the function. For a deliberate local run, set SETTINGS_ALLOW_LOCAL=true.',
      );
      expect((error as Error).name).toBe('LocalSourceInLambdaError');
      await expect(source.getSecrets(['x'])).rejects.toThrow(LocalSourceInLambdaError);
    });

    it('refuses SETTINGS_PROVIDER=local', async () => {
      process.env.SETTINGS_PROVIDER = 'local';
      process.env.SETTINGS_FILE = writeJson('lambda.json', { tableName: 't', 'orders/api-key': 'k' });

      await expect(createSettings(orders).get()).rejects.toThrow(LocalSourceInLambdaError);
    });

    it('serves when the source allows it explicitly', async () => {
      const source = localSource({ values: { tableName: 't' }, allowInLambda: true });

      await expect(source.getParameters('/')).resolves.toEqual({ tableName: 't' });
    });

    it.each(['1', 'TRUE', 'yes'])(
      'still refuses with SETTINGS_ALLOW_LOCAL=%s: only "true" allows',
      async (flag) => {
        process.env.SETTINGS_ALLOW_LOCAL = flag;
        const source = localSource({ values: { tableName: 't' } });

        await expect(source.getParameters('/')).rejects.toThrow(LocalSourceInLambdaError);
      },
    );

    it('serves outside Lambda, where AWS_LAMBDA_FUNCTION_NAME is empty', async () => {
      process.env.AWS_LAMBDA_FUNCTION_NAME = '';
      const source = localSource({ values: { tableName: 't' } });

      await expect(source.getParameters('/')).resolves.toEqual({ tableName: 't' });
    });

    it('serves when SETTINGS_ALLOW_LOCAL=true (a deliberate local invoke)', async () => {
      process.env.SETTINGS_ALLOW_LOCAL = 'true';
      const source = localSource({ values: { tableName: 't' } });

      await expect(source.getParameters('/')).resolves.toEqual({ tableName: 't' });
    });
  });

  describe('chosen by the environment', () => {
    it('is used with SETTINGS_PROVIDER=local and SETTINGS_FILE', async () => {
      process.env.SETTINGS_PROVIDER = 'local';
      process.env.SETTINGS_FILE = writeJson('env.json', { tableName: 'from-file', 'orders/api-key': 'k' });

      await expect(createSettings(orders).get()).resolves.toEqual({
        tableName: 'from-file',
        maxItems: 10,
        apiKey: 'k',
      });
    });

    it('needs SETTINGS_FILE', async () => {
      process.env.SETTINGS_PROVIDER = 'local';

      await expect(createSettings(orders).get()).rejects.toThrow(
        'SETTINGS_PROVIDER=local needs SETTINGS_FILE, the path of a JSON file of settings values ' +
          '(e.g. { "tableName": "orders-local" }).',
      );
    });

    it('reads SETTINGS_PROVIDER without surrounding spaces', async () => {
      process.env.SETTINGS_PROVIDER = ' local ';
      process.env.SETTINGS_FILE = writeJson('spaced.json', { tableName: 'spaced', 'orders/api-key': 'k' });

      await expect(createSettings(orders).get()).resolves.toEqual({
        tableName: 'spaced',
        maxItems: 10,
        apiKey: 'k',
      });
    });
  });
});
