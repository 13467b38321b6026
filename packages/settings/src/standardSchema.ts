import type { StandardSchemaV1 } from '@standard-schema/spec';

/**
 * The Standard Schema v1 interface (https://standardschema.dev), which zod, valibot and arktype
 * implement, from the spec's own types package: this package needs no validation library.
 */
export type { StandardSchemaV1 };
export type StandardSchemaIssue = StandardSchemaV1.Issue;
export type InferInput<S extends StandardSchemaV1> = StandardSchemaV1.InferInput<S>;
export type InferOutput<S extends StandardSchemaV1> = StandardSchemaV1.InferOutput<S>;

/** Whether a value implements Standard Schema v1 (the spec ships types only, no guard). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const props = (value as { '~standard'?: { version?: unknown; validate?: unknown } } | null)?.['~standard'];
  return (
    typeof props === 'object' && props !== null && props.version === 1 && typeof props.validate === 'function'
  );
}

/** The schema of a secret declared without one: any string. */
export const stringSchema: StandardSchemaV1<string, string> = {
  '~standard': {
    version: 1,
    vendor: 'platform',
    validate: (value) =>
      typeof value === 'string'
        ? { value }
        : { issues: [{ message: `Expected a string, received ${typeof value}` }] },
  },
};
