import { existsSync, readFileSync } from 'node:fs';

/**
 * The configuration the user asked Nx for (`-c qa`, `--configuration=qa`, `project:target:qa`).
 * Nx drops a configuration that a target does not define before the executor runs, so to name the
 * bad value in the error, it is read back from the Nx command line (`NX_INVOCATION_ROOT_PID`), where
 * the system exposes it (/proc, Linux: CI and the dev containers). Elsewhere: undefined.
 */
export function requestedConfiguration(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = `/proc/${env.NX_INVOCATION_ROOT_PID}/cmdline`;
  if (!env.NX_INVOCATION_ROOT_PID || !existsSync(file)) return undefined;
  return configurationOf(readFileSync(file, 'utf8').split('\0'));
}

export function configurationOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-c' || arg === '--configuration') return argv[i + 1];
    const inline = /^(?:-c|--configuration)=(.+)$/.exec(arg);
    if (inline) return inline[1];
  }
  const run = argv.indexOf('run');
  const parts = run >= 0 ? (argv[run + 1] ?? '').split(':') : [];
  return parts.length === 3 ? parts[2] : undefined;
}
