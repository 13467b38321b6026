/** "undefined", "null", "an array", "an object", "a string"...: for messages about values of the wrong kind. */
export function typeName(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
