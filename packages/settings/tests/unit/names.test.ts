import * as v from 'valibot';
import { parameter, secret } from '../../src';
import { checkPath } from '../../src/env';

// The name and path patterns, at both ends: a valid part must not hide an invalid one.
describe('Names and paths', () => {
  it.each([['/lead'], ['trail/'], ['a//b'], ['a b'], ['!a'], ['a!']])(
    'parameter name %p is refused',
    (name) => {
      expect(() => parameter(v.string(), { name })).toThrow(
        `parameter(..., { name: "${name}" }): "${name}" is not a valid parameter name.`,
      );
    },
  );

  it.each([['!orders'], ['orders!'], ['x'.repeat(513)]])('secret name %p is refused', (name) => {
    expect(() => secret(name)).toThrow(
      `secret(${JSON.stringify(name)}): not a valid secret name. Use letters, digits and "/_+=.@-" ` +
        '(at most 512 characters), e.g. secret("orders/api-key").',
    );
  });

  it('accepts names at the limits', () => {
    expect(parameter(v.string(), { name: 'db/host.name-1_a' }).name).toBe('db/host.name-1_a');
    expect(secret('x'.repeat(512)).name).toBe('x'.repeat(512));
  });

  it.each([['/dev/orders'], ['/dev/orders/'], ['/a.b/c-d_e'], ['/orders'], ['/dev/orders/v2/']])(
    'settings path %p is accepted',
    (path) => {
      expect(checkPath(path, 'SETTINGS_PATH')).toBe(path.endsWith('/') ? path : `${path}/`);
    },
  );

  it.each([
    ['dev/orders/'],
    ['/dev orders/'],
    ['/dev//orders/'],
    ['/dev/orders!'],
    ['/'],
    [`/${'a'.repeat(60)}!`],
  ])('settings path %p is refused, with the rule', (path) => {
    expect(() => checkPath(path, 'SETTINGS_PATH')).toThrow(
      `SETTINGS_PATH gives the settings path ${JSON.stringify(path)}; expected an SSM path such as /dev/orders/ ` +
        '(starts with "/", segments of letters, digits, "_", "." and "-").',
    );
  });
});
