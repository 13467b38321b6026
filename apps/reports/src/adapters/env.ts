/** A variable the stack sets (stacks/reports/src/stack.ts); read when first needed, not at import. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `Environment variable ${name} is not set. The stack sets it (stacks/reports/src/stack.ts); ` +
        'for local runs, apps/reports/local.json.',
    );
  }
  return value;
}
