import * as v from 'valibot';
import { z } from 'zod';
import {
  defineSettings,
  parameter,
  secret,
  SettingsDefinitionError,
  type Setting,
  type SettingsDeclaration,
  type SettingsOf,
} from '../../src';

const orders = defineSettings({
  tableName: parameter(v.string()),
  maxItems: parameter(v.pipe(v.string(), v.transform(Number)), { default: '10' }),
  dbHost: parameter(z.string(), { name: 'db/host' }),
  signingKey: parameter(v.string(), { secure: true }),
  apiKey: secret('orders/api-key'),
  apiKeyAgain: secret('orders/api-key', z.string().min(8)),
  db: secret(
    'orders/db',
    z.string().transform((s) => JSON.parse(s) as { user: string }),
  ),
});

describe('Function: defineSettings', () => {
  it('declares the parameters and secrets as plain data for infra', () => {
    const expected: SettingsDeclaration = {
      parameters: [
        { name: 'tableName', secure: false },
        { name: 'maxItems', secure: false, default: '10' },
        { name: 'db/host', secure: false },
        { name: 'signingKey', secure: true },
      ],
      secrets: ['orders/api-key', 'orders/db'],
    };

    expect(orders.declaration).toEqual(expected);
    // Plain data: survives JSON, which is how infra code may also read it.
    expect(JSON.parse(JSON.stringify(orders.declaration))).toEqual(expected);
  });

  it('hands out a fresh copy of the declaration, so a caller cannot change it for others', () => {
    const first = orders.declaration;
    first.parameters.pop();
    first.secrets.push('sneaky');

    expect(orders.declaration.parameters).toHaveLength(4);
    expect(orders.declaration.secrets).toEqual(['orders/api-key', 'orders/db']);
  });

  it('types the values from the schemas', () => {
    type Values = SettingsOf<typeof orders>;
    const values = {
      tableName: 't',
      maxItems: 10,
      dbHost: 'h',
      signingKey: 'k',
      apiKey: 'a',
      apiKeyAgain: 'a',
      db: { user: 'u' },
    } satisfies Values;
    // @ts-expect-error maxItems is a number after the transform
    const wrong: Values['maxItems'] = '10';

    expect([values.maxItems, wrong]).toEqual([10, '10']);
  });

  it('marks a tunable parameter in the declaration', () => {
    const tunable = defineSettings({
      logLevel: parameter(v.string(), { default: 'INFO', tunable: true }),
      tableName: parameter(v.string()),
    });

    expect(tunable.declaration.parameters).toStrictEqual([
      { name: 'logLevel', secure: false, default: 'INFO', tunable: true },
      { name: 'tableName', secure: false },
    ]);
  });

  it('accepts an empty schema', () => {
    expect(defineSettings({}).declaration).toEqual({ parameters: [], secrets: [] });
  });

  it('refuses a key that is not a valid parameter name, and suggests { name }', () => {
    expect(() => defineSettings({ 'table name': parameter(v.string()) })).toThrow(
      /Setting "table name" \(its key is its parameter name unless you pass \{ name \}\): "table name" is not a valid parameter name/,
    );
  });

  it('refuses two settings reading the same parameter', () => {
    expect(() =>
      defineSettings({
        tableName: parameter(v.string()),
        table: parameter(v.string(), { name: 'tableName' }),
      }),
    ).toThrow(
      'Settings "tableName" and "table" both read the parameter "tableName". Give one of them another { name }.',
    );
  });

  it('refuses a value that was not made with parameter() or secret()', () => {
    const raw = { tableName: v.string() } as unknown as Record<string, Setting>;

    expect(() => defineSettings(raw)).toThrow(SettingsDefinitionError);
    expect(() => defineSettings(raw)).toThrow(
      'Setting "tableName" is not declared with parameter() or secret(); write e.g. tableName: parameter(v.string()).',
    );
  });

  it.each([null, undefined])('refuses a setting that is %p', (value) => {
    expect(() => defineSettings({ tableName: value } as unknown as Record<string, Setting>)).toThrow(
      'Setting "tableName" is not declared with parameter() or secret(); write e.g. tableName: parameter(v.string()).',
    );
  });

  it.each([null, [], 'tableName'])('refuses %p instead of an object', (input) => {
    expect(() => defineSettings(input as unknown as Record<string, Setting>)).toThrow(
      /defineSettings\(\) takes an object of settings/,
    );
  });

  it('freezes what it returns', () => {
    expect(Object.isFrozen(orders)).toBe(true);
    expect(Object.isFrozen(orders.settings)).toBe(true);
  });
});
