import * as v from 'valibot';
import { z } from 'zod';
import { parameter, secret, SettingsDefinitionError, type StandardSchemaV1 } from '../../src';

describe('Function: parameter', () => {
  it('declares a plain parameter by default', () => {
    const setting = parameter(v.string());

    expect(setting).toEqual({ kind: 'parameter', schema: expect.anything(), secure: false });
    expect(Object.isFrozen(setting)).toBe(true);
  });

  it('keeps the name, default and secure options', () => {
    expect(parameter(z.string(), { name: 'db/host', default: 'localhost' })).toMatchObject({
      name: 'db/host',
      default: 'localhost',
      secure: false,
    });
    expect(parameter(z.string(), { secure: true })).toMatchObject({ secure: true });
  });

  it('refuses a validator that is not a Standard Schema', () => {
    const notASchema = { parse: (x: unknown) => x } as unknown as StandardSchemaV1<string>;

    expect(() => parameter(notASchema)).toThrow(SettingsDefinitionError);
    expect(() => parameter(notASchema)).toThrow(/needs a Standard Schema validator/);
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a null "~standard"', { '~standard': null }],
    ['a "~standard" that is not an object', { '~standard': 'v1' }],
    ['another version', { '~standard': { version: 2, validate: () => ({ value: '' }) } }],
    ['no validate function', { '~standard': { version: 1, validate: 'yes' } }],
  ])('refuses %s as the validator, with the fix', (_kind, notASchema) => {
    expect(() => parameter(notASchema as unknown as StandardSchemaV1<string>)).toThrow(
      new SettingsDefinitionError(
        'parameter() needs a Standard Schema validator (zod 4, valibot 1, ...) as its first argument, e.g. parameter(v.string()).',
      ),
    );
  });

  it.each(['/absolute', 'two//slashes', 'trailing/', 'spa ce', 'ümlaut', ''])(
    'refuses the name %p',
    (name) => {
      expect(() => parameter(v.string(), { name })).toThrow(
        new RegExp(`"${name}" is not a valid parameter name.*no leading "/"`),
      );
    },
  );

  it('refuses a default that is not a string, and shows how to write it', () => {
    const options = { default: 10 } as unknown as { default: string };

    expect(() => parameter(v.string(), options)).toThrow(
      "parameter default 10 is a number; defaults are raw SSM values, so write it as a string: { default: '10' }.",
    );
  });

  it('refuses a default on a secure parameter', () => {
    expect(() => parameter(v.string(), { secure: true, default: 'x' })).toThrow(
      /A secure parameter cannot have a default/,
    );
  });

  it('marks a tunable parameter, which needs a default to seed it', () => {
    expect(parameter(v.string(), { default: 'INFO', tunable: true })).toMatchObject({ tunable: true });
    expect(() => parameter(v.string(), { tunable: true })).toThrow(/A tunable parameter needs a default/);
  });

  it('only accepts schemas whose input is a string (checked by the compiler)', () => {
    // @ts-expect-error SSM values are strings: a number schema can never pass
    const setting = parameter(v.number());
    // The compiler catches this; at run time it is still a valid schema that will reject strings.
    expect(setting.kind).toBe('parameter');
  });
});

describe('Function: secret', () => {
  it('declares a secret by name, validated as a string by default', async () => {
    const setting = secret('orders/api-key');

    expect(setting).toMatchObject({ kind: 'secret', name: 'orders/api-key' });
    expect(setting.schema['~standard']).toMatchObject({ version: 1, vendor: 'platform' });
    expect(await setting.schema['~standard'].validate('abc')).toEqual({ value: 'abc' });
    expect(await setting.schema['~standard'].validate(1)).toEqual({
      issues: [{ message: 'Expected a string, received number' }],
    });
  });

  it('takes a schema for the secret string', () => {
    const schema = v.pipe(v.string(), v.parseJson(), v.object({ user: v.string() }));

    expect(secret('orders/db', schema).schema).toBe(schema);
  });

  it.each(['', 'has space', 'x'.repeat(513), 'semi;colon'])('refuses the secret name %p', (name) => {
    expect(() => secret(name)).toThrow(/not a valid secret name/);
  });

  it('refuses a schema that is not a Standard Schema', () => {
    const notASchema = {} as unknown as StandardSchemaV1<string>;

    expect(() => secret('orders/api-key', notASchema)).toThrow(
      'secret("orders/api-key", schema): the schema is not a Standard Schema validator (zod 4, valibot 1, ...).',
    );
  });
});

describe('Names and messages, literally', () => {
  it('holds no key for an option not given', () => {
    expect(Object.keys(parameter(v.string()))).toEqual(['kind', 'schema', 'secure']);
    expect(Object.keys(parameter(v.string(), { name: 'db/host', default: 'x', tunable: true }))).toEqual([
      'kind',
      'schema',
      'secure',
      'tunable',
      'name',
      'default',
    ]);
  });

  it('refuses a name with a character outside the allowed set anywhere in it', () => {
    for (const name of ['db host', ' db', 'db ']) {
      expect(() => parameter(v.string(), { name })).toThrow(SettingsDefinitionError);
    }
    for (const name of ['orders api-key', ' orders', 'orders ']) {
      expect(() => secret(name)).toThrow(
        `secret(${JSON.stringify(name)}): not a valid secret name. Use letters, digits and "/_+=.@-" ` +
          '(at most 512 characters), e.g. secret("orders/api-key").',
      );
    }
    expect(() => secret(42 as unknown as string)).toThrow('secret(42): not a valid secret name.');
  });

  it('says how to fix a secure default and a tunable without a default', () => {
    expect(() => parameter(v.string(), { secure: true, default: 'x' })).toThrow(
      new SettingsDefinitionError(
        'A secure parameter cannot have a default: the default would sit in code and in plain Terraform. ' +
          'Remove the default, or make the parameter non-secure.',
      ),
    );
    expect(() => parameter(v.string(), { tunable: true })).toThrow(
      new SettingsDefinitionError(
        'A tunable parameter needs a default: infra creates it with that value and then leaves it to operators. ' +
          "Add a default (e.g. { tunable: true, default: 'INFO' }), or remove tunable.",
      ),
    );
  });
});
