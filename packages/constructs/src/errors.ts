/** Errors for people writing infrastructure: what is wrong, the value, and the fix. */
export class ConstructConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConstructConfigError';
  }
}

export const bundleMissing = (fn: string, zipPath: string, service: string) =>
  new ConstructConfigError(
    `Function "${fn}": bundle not found at ${zipPath}. ` +
      `Build it first with "npx nx run ${service}:build" (npm run synth does this for every app), ` +
      `or check that apps/${service}/src/handlers/${fn}.ts exists.`,
  );

export const invalidRange = (construct: string, field: string, value: number, min: number, max: number, unit: string) =>
  new ConstructConfigError(
    `${construct}: ${field} ${value} is out of range. AWS allows ${min}–${max} ${unit}; set ${field} within that range.`,
  );
