import { Testing } from 'cdktf';
import { SettingsParameters } from '../../src/SettingsParameters';
import { resourcesOf, testStack } from '../helpers';

const declaration = {
  parameters: [
    { name: 'tableName', secure: false, default: 'orders' },
    { name: 'limits/maxItems', secure: false, default: '50' },
    { name: 'featureFlag', secure: false },
    { name: 'signingKey', secure: true },
  ],
  secrets: ['orders/api-key'],
};

describe('Class: SettingsParameters', () => {
  it('creates only the non-secret parameters with a default, as String under the settings path', () => {
    const stack = testStack();
    new SettingsParameters(stack, 'settings', { declaration });
    const parameters = resourcesOf(JSON.parse(Testing.synth(stack)), 'aws_ssm_parameter');

    expect(parameters.map((p) => [p.name, p.type, p.value])).toEqual([
      ['/dev/orders/limits/maxItems', 'String', '50'],
      ['/dev/orders/tableName', 'String', 'orders'],
    ]);
    expect(parameters[0].lifecycle).toBeUndefined();
  });

  it('leaves values changed in AWS alone when operators own them', () => {
    const stack = testStack();
    new SettingsParameters(stack, 'settings', { declaration, valuesOwnedBy: 'operators' });

    expect(resourcesOf(JSON.parse(Testing.synth(stack)), 'aws_ssm_parameter')[0].lifecycle).toEqual({
      ignore_changes: ['value'],
    });
  });

  it('creates a tunable parameter with its default, then leaves its value to operators', () => {
    const stack = testStack();
    new SettingsParameters(stack, 'settings', {
      declaration: {
        parameters: [
          { name: 'log-level', secure: false, default: 'INFO', tunable: true },
          { name: 'tableName', secure: false, default: 'orders' },
        ],
        secrets: [],
      },
    });
    const parameters = resourcesOf(JSON.parse(Testing.synth(stack)), 'aws_ssm_parameter');

    expect(parameters.map((p) => [p.name, p.value, p.lifecycle])).toEqual([
      ['/dev/orders/log-level', 'INFO', { ignore_changes: ['value'] }],
      ['/dev/orders/tableName', 'orders', undefined],
    ]);
  });

  it('rejects a secure parameter with a default: its value would be in Terraform state', () => {
    expect(
      () =>
        new SettingsParameters(testStack(), 'settings', {
          declaration: { parameters: [{ name: 'key', secure: true, default: 'secret' }], secrets: [] },
        }),
    ).toThrow(/SettingsParameters "settings": parameter "key" is secure and has a default/);
  });
});
