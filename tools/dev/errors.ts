/** Errors npm run dev shows people: what is wrong, the value, and the fix. */
export class DevError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DevError';
  }
}

export const portInUse = (what: string, port: number, option: string, cause?: unknown) =>
  new DevError(
    `Port ${port} (${what}) is already in use on 127.0.0.1. Stop what listens there ` +
      `(e.g. another npm run dev), or pick another port: ${option} <port> (0 picks a free one).`,
    { cause },
  );

export const unknownService = (name: string, known: readonly string[]) =>
  new DevError(`Unknown service "${name}". Services with a stack: ${known.join(', ') || 'none'}.`);

export const stackMissing = (stack: string, file: string) =>
  new DevError(
    `No synthesized stack ${stack} at ${file}, even after the synth. Check the environment ` +
      `(--env) and that the service is in stacks/topology.ts.`,
  );

export const unknownFunction = (target: string, known: readonly string[]) =>
  new DevError(`Unknown function "${target}". Functions: ${known.join(', ')}.`);

export const notRunning = (file: string) =>
  new DevError(
    `No npm run dev is running (no ${file}). Start it first (npm run dev), then fire from another terminal.`,
  );

/** True for the errno code Node gives a listen() on a taken port. */
export const isAddressInUse = (error: unknown) =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
