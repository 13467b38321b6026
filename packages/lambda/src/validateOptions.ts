import { HandlerConfigError } from './errors';
import { isStandardSchema } from './standardSchema';

type Kind = 'function' | 'schema' | 'boolean';

/**
 * Checks a wrapper's options when the wrapper is created (at init), so a mistake fails the deployment's first
 * invocation with a clear message instead of surfacing on some later event.
 */
export function validateOptions(
  wrapper: string,
  options: unknown,
  kinds: Readonly<Record<string, Kind>>,
): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new HandlerConfigError(
      `${wrapper}: expected an options object such as { handle: async (input) => ... }, received ${describe(options)}.`,
    );
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(kinds, key)) {
      throw new HandlerConfigError(
        `${wrapper}: unknown option "${key}". Valid options: ${Object.keys(kinds).join(', ')}.`,
      );
    }
  }
  if (typeof given.handle !== 'function') {
    throw new HandlerConfigError(
      `${wrapper}: "handle" must be the domain function, received ${describe(given.handle)}. ` +
        'Pass { handle: async (input) => ... }.',
    );
  }
  for (const [key, kind] of Object.entries(kinds)) {
    const value = given[key];
    if (value === undefined || matches(kind, value)) continue;
    throw new HandlerConfigError(
      `${wrapper}: "${key}" must be ${EXPECTED[kind]}, received ${describe(value)}.`,
    );
  }
}

const EXPECTED: Record<Kind, string> = {
  function: 'a function',
  schema: 'a Standard Schema v1 schema (zod 4, valibot 1, arktype...), e.g. z.object({ ... })',
  boolean: 'true or false',
};

function matches(kind: Kind, value: unknown): boolean {
  if (kind === 'function') return typeof value === 'function';
  if (kind === 'boolean') return typeof value === 'boolean';
  return isStandardSchema(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object that is not a Standard Schema (no "~standard" property)';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return String(value);
}
