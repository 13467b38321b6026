import {
  InvalidSettingError,
  LocalSourceInLambdaError,
  SettingNotFoundError,
  SettingsConfigError,
  SettingsDefinitionError,
  SettingsError,
  SettingsLoadError,
  SettingsSourceError,
} from '../../src/errors';

describe('Errors', () => {
  it('are named after their class, so logs and catch blocks can tell them apart', () => {
    expect(
      [
        new SettingsError('m'),
        new SettingsDefinitionError('m'),
        new SettingsConfigError('m'),
        new LocalSourceInLambdaError('orders-dev-fn'),
        new SettingsSourceError('m'),
      ].map((e) => e.name),
    ).toEqual([
      'SettingsError',
      'SettingsDefinitionError',
      'SettingsConfigError',
      'LocalSourceInLambdaError',
      'SettingsSourceError',
    ]);
  });

  it('SettingsLoadError lists one line per setting', () => {
    const error = new SettingsLoadError([
      new SettingNotFoundError('tableName', 'parameter /dev/orders/tableName in SSM Parameter Store'),
      new InvalidSettingError('maxItems', 'parameter /dev/orders/maxItems in SSM Parameter Store', [
        'expected a number',
        'expected at most 100',
      ]),
    ]);

    expect(error.name).toBe('SettingsLoadError');
    expect(error.message).toBe(
      '2 settings could not be loaded:\n' +
        '- Setting "tableName" is required but was not found: no parameter /dev/orders/tableName in SSM Parameter Store. ' +
        'Create it, or give the setting a default.\n' +
        '- Setting "maxItems" (parameter /dev/orders/maxItems in SSM Parameter Store) is invalid: ' +
        'expected a number; expected at most 100',
    );
  });
});
