export { defineSettings } from './defineSettings';
export { parameter, PARAMETER_NAME } from './parameter';
export type { ParameterOptions } from './parameter';
export { secret, SECRET_NAME } from './secret';
export { createSettings } from './createSettings';
export { getSettings, resetSettings } from './getSettings';
export { awsSource } from './awsSource';
export type { AwsSourceOptions } from './awsSource';
export { localSource } from './localSource';
export type { LocalSourceOptions } from './localSource';
export { DEFAULT_MAX_AGE_SECONDS } from './env';
export {
  InvalidSettingError,
  LocalSourceInLambdaError,
  SettingNotFoundError,
  SettingsConfigError,
  SettingsDefinitionError,
  SettingsError,
  SettingsLoadError,
  SettingsSourceError,
} from './errors';
export type {
  InferSettings,
  ParameterSetting,
  SecretSetting,
  Setting,
  Settings,
  SettingsDeclaration,
  SettingsDefinition,
  SettingsOf,
  SettingsOptions,
  SettingsSource,
  StringInput,
} from './types';
export type { InferInput, InferOutput, StandardSchemaIssue, StandardSchemaV1 } from './standardSchema';
