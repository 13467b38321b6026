/** Base class of every error of this package: catch it to handle any settings problem. */
export class SettingsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SettingsError';
  }
}

/** A schema was declared wrongly (bad name, default on a secure parameter, ...): a bug to fix in code. */
export class SettingsDefinitionError extends SettingsError {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsDefinitionError';
  }
}

/** The environment or options do not say where or how to load (no path, bad SETTINGS_MAX_AGE, ...). */
export class SettingsConfigError extends SettingsError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SettingsConfigError';
  }
}

/** The local provider was chosen inside Lambda without `SETTINGS_ALLOW_LOCAL=true`. */
export class LocalSourceInLambdaError extends SettingsConfigError {
  constructor(functionName: string) {
    super(
      `The local settings provider was chosen (SETTINGS_PROVIDER=local or localSource()), but this runs in Lambda ` +
        `(AWS_LAMBDA_FUNCTION_NAME=${functionName}). Deployed functions read SSM and Secrets Manager: remove ` +
        'SETTINGS_PROVIDER from the function. For a deliberate local run, set SETTINGS_ALLOW_LOCAL=true.',
    );
    this.name = 'LocalSourceInLambdaError';
  }
}

/** A source could not be read (access denied, throttled, network): the AWS error is the cause. */
export class SettingsSourceError extends SettingsError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SettingsSourceError';
  }
}

/** A required setting has no value and no default. */
export class SettingNotFoundError extends SettingsError {
  constructor(
    readonly key: string,
    readonly location: string,
  ) {
    super(
      `Setting "${key}" is required but was not found: no ${location}. Create it, or give the setting a default.`,
    );
    this.name = 'SettingNotFoundError';
  }
}

/** A setting's value does not pass its schema. Issue messages of secret values are withheld. */
export class InvalidSettingError extends SettingsError {
  constructor(
    readonly key: string,
    readonly location: string,
    readonly issues: readonly string[],
  ) {
    super(`Setting "${key}" (${location}) is invalid: ${issues.join('; ')}`);
    this.name = 'InvalidSettingError';
  }
}

/** Several settings are missing or invalid; `errors` holds one error per setting. */
export class SettingsLoadError extends SettingsError {
  constructor(readonly errors: readonly (SettingNotFoundError | InvalidSettingError)[]) {
    super(
      `${errors.length} settings could not be loaded:\n${errors.map((e) => `- ${e.message}`).join('\n')}`,
    );
    this.name = 'SettingsLoadError';
  }
}
