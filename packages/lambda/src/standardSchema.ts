import type { StandardSchemaV1 } from '@standard-schema/spec';

/**
 * The Standard Schema v1 interface (https://standardschema.dev), which zod 4, valibot 1 and arktype implement,
 * from the spec's own types package: wrappers accept any of them and this package needs none.
 */
export type { StandardSchemaV1 };
export type StandardSchemaIssue = StandardSchemaV1.Issue;

/** The type a schema produces. */
export type InferOutput<S extends StandardSchemaV1> = StandardSchemaV1.InferOutput<S>;

/** Whether a value implements Standard Schema v1 (the spec ships types only, no guard). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const props = (value as { '~standard'?: { version?: unknown; validate?: unknown } } | null)?.['~standard'];
  return (
    typeof props === 'object' && props !== null && props.version === 1 && typeof props.validate === 'function'
  );
}
