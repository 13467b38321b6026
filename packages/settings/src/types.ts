import type { CacheLogger, Clock } from '@platform/caching';
import type { InferInput, InferOutput, StandardSchemaV1 } from './standardSchema';

/** Settings values are strings (SSM, Secrets Manager, local files); a validator must accept one. */
export type StringInput<S extends StandardSchemaV1> = [string] extends [InferInput<S>]
  ? unknown
  : 'Error: this schema does not accept a string. Settings arrive as strings: start from a string schema, e.g. v.pipe(v.string(), v.transform(Number)) or z.coerce.number().';

/** A non-secret value in SSM Parameter Store, under the service's settings path. */
export interface ParameterSetting<S extends StandardSchemaV1 = StandardSchemaV1> {
  readonly kind: 'parameter';
  readonly schema: S;
  /** Name relative to the settings path (`tableName` -> `/dev/orders/tableName`); the key when not set. */
  readonly name?: string;
  /** The raw value used when the parameter does not exist; infra creates the parameter with it. */
  readonly default?: string;
  /** A SecureString (KMS-encrypted); its value never appears in errors. */
  readonly secure: boolean;
  /** Set by operators at runtime: infra creates it with the default and later deploys keep its value. */
  readonly tunable?: boolean;
}

/** A value in Secrets Manager, by secret name. */
export interface SecretSetting<S extends StandardSchemaV1 = StandardSchemaV1> {
  readonly kind: 'secret';
  readonly schema: S;
  readonly name: string;
}

export type Setting<S extends StandardSchemaV1 = StandardSchemaV1> = ParameterSetting<S> | SecretSetting<S>;

/** The typed values of a settings schema. */
export type InferSettings<D extends Record<string, Setting>> = {
  readonly [K in keyof D]: InferOutput<D[K]['schema']>;
};

/**
 * What the infrastructure needs, as plain data: which parameters to create (with defaults) and
 * grant read on, and which secrets to grant read on. Parameter names are relative to the
 * settings path `/<environment>/<service>/`.
 */
export interface SettingsDeclaration {
  /** `tunable`: create with the default, then leave the value to operators (present only when true). */
  parameters: { name: string; secure: boolean; default?: string; tunable?: boolean }[];
  secrets: string[];
}

/** Where values come from: AWS (SSM + Secrets Manager) in Lambda, a local map in tests and local runs. */
export interface SettingsSource {
  /** `aws`, `local`, or a custom source's name. */
  readonly kind: string;
  /** Values of the parameters under `path`, keyed by name relative to it (`tableName`, `db/host`). */
  getParameters(path: string): Promise<Record<string, string>>;
  /** Values of the named secrets; a secret that does not exist is left out. */
  getSecrets(names: readonly string[]): Promise<Record<string, string>>;
  /** Where a value lives, for error messages, e.g. `SSM parameter /dev/orders/tableName`. */
  describe(setting: {
    readonly type: 'parameter' | 'secret';
    readonly name: string;
    readonly path: string;
  }): string;
}

export interface SettingsOptions {
  /** Where values come from. @default from env `SETTINGS_PROVIDER`: `aws` (default) or `local` (with `SETTINGS_FILE`) */
  readonly source?: SettingsSource;
  /** The SSM path of the parameters. @default env `SETTINGS_PATH`, else `/${ENVIRONMENT}/${SERVICE}/` */
  readonly path?: string;
  /** Seconds values stay fresh before a refresh. Positive. @default 300 (env `SETTINGS_MAX_AGE`) */
  readonly maxAge?: number;
  /** Where a failed refresh is reported. @default JSON lines on the console */
  readonly logger?: CacheLogger;
  /** The time source, for tests (milliseconds). */
  readonly clock?: Clock;
}

/** A service's loaded settings, cached for the container. */
export interface Settings<T> {
  /** The values: cached while fresh (no AWS call), else loaded; the last good values if a refresh fails. */
  get(): Promise<T>;
  /** Loads now, whatever the age of the cached values. */
  refresh(): Promise<T>;
  /** Drops the cached values: the next `get` loads. */
  invalidate(): void;
}

/** A service's settings schema, from `defineSettings`: what to load, and the declaration for infra. */
export interface SettingsDefinition<T = Record<string, unknown>> {
  /** The settings by key, as declared. */
  readonly settings: Readonly<Record<string, Setting>>;
  /** Plain data for the infrastructure side (a fresh copy on every read). */
  readonly declaration: SettingsDeclaration;
  /** Type only, never set: carries the values' type for `SettingsOf<typeof definition>`. */
  readonly '~values'?: T;
}

/** The values' type of a definition: `type OrdersSettings = SettingsOf<typeof settings>`. */
export type SettingsOf<D> = D extends SettingsDefinition<infer T> ? T : never;
