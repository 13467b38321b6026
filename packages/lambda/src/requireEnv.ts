/**
 * The reader of the variables a service's stack sets on its functions, for its adapters: each is read when
 * first needed, not at import, and a missing one names where it should come from.
 *
 * @example
 * export const requireEnv = requireEnvFor('orders');
 * const tableName = requireEnv('TABLE_NAME');
 */
export function requireEnvFor(service: string): (name: string) => string {
  return (name) => {
    const value = process.env[name];
    if (!value) {
      throw new Error(
        `Environment variable ${name} is not set. The stack sets it (stacks/${service}/src/stack.ts); ` +
          `for local runs, apps/${service}/local.json.`,
      );
    }
    return value;
  };
}
