import { BadRequestError } from './errors';
import type { StandardSchemaIssue, StandardSchemaV1 } from './standardSchema';

/** One problem with the input: where (e.g. `body.lines[0].quantity`) and what. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type Validation<T> =
  | { readonly value: T; readonly errors?: undefined }
  | { readonly value?: undefined; readonly errors: FieldError[] };

/** Validates `value` against a Standard Schema; field names start with `location` (e.g. `body`). */
export async function validateInput<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
  location: string,
): Promise<Validation<T>> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return { value: result.value };
  return {
    errors: result.issues.map((issue) => ({ field: fieldName(location, issue), message: issue.message })),
  };
}

/** Validates, or throws a `BadRequestError` whose data is `{ errors: FieldError[] }`. */
export async function validateOrThrow<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
  location: string,
  message: string,
): Promise<T> {
  const result = await validateInput(schema, value, location);
  if (result.errors) throw new BadRequestError(message, { errors: result.errors });
  return result.value;
}

function fieldName(location: string, issue: StandardSchemaIssue): string {
  let name = location;
  for (const segment of issue.path ?? []) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    name += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  }
  return name;
}
