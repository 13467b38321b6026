import type { SettingsSource } from '../src';

/** A source whose values and failures a test controls, counting its reads. */
export function fakeSource(
  initial: { parameters?: Record<string, string>; secrets?: Record<string, string> } = {},
) {
  const state = {
    parameters: { ...initial.parameters } as Record<string, string>,
    secrets: { ...initial.secrets } as Record<string, string>,
    failWith: undefined as Error | undefined,
  };
  const source = {
    kind: 'fake',
    getParameters: jest.fn(async (_path: string) => {
      if (state.failWith) throw state.failWith;
      return { ...state.parameters };
    }),
    getSecrets: jest.fn(async (names: readonly string[]) => {
      if (state.failWith) throw state.failWith;
      return Object.fromEntries(
        names.filter((n) => n in state.secrets).map((n) => [n, state.secrets[n] as string]),
      );
    }),
    describe: ({ type, name, path }: { type: 'parameter' | 'secret'; name: string; path: string }) =>
      type === 'secret' ? `secret "${name}"` : `parameter ${path}${name}`,
  } satisfies SettingsSource;
  return { source, state };
}

export function fakeClock(start = 1_000_000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

/** Runs each test with the settings variables cleared, and restores the environment after. */
export function isolateEnv(): void {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const name of [
      'SETTINGS_PATH',
      'SETTINGS_MAX_AGE',
      'SETTINGS_PROVIDER',
      'SETTINGS_FILE',
      'SETTINGS_ALLOW_LOCAL',
      'ENVIRONMENT',
      'SERVICE',
      'AWS_LAMBDA_FUNCTION_NAME',
    ]) {
      delete process.env[name];
    }
  });
  afterEach(() => {
    process.env = { ...saved };
  });
}
