import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { readLocalConfig, startLocalServices, type LocalState } from './localServices';

/**
 * Local invoke: runs a function's esbuild bundle in a fresh Node process with a realistic event
 * and Lambda context, local settings, and the local stand-ins its local.json names (SQS queues,
 * DynamoDB tables, HTTP stubs), all on 127.0.0.1. Nothing it starts can reach AWS.
 */
export interface InvokeOptions {
  /** The app folder, e.g. apps/orders. */
  readonly app: string;
  readonly fn: string;
  /**
   * A trigger name (sqs, http, schedule) for a generic sample (tools/invoke/events), or a path to an
   * event JSON file. @default apps/<service>/events/<function>.json
   */
  readonly event?: string;
  /** Where the bundles are. @default <workspace>/dist/apps */
  readonly distDir?: string;
  /** The function's timeout, as Lambda enforces it. @default 30000 */
  readonly timeoutMs?: number;
}

export interface InvokeResult extends LocalState {
  readonly ok: boolean;
  readonly response?: unknown;
  readonly error?: { name: string; message: string };
  readonly initMs: number;
  readonly durationMs?: number;
  /** The function's output: JSON log lines parsed, other lines as text. */
  readonly logs: unknown[];
  readonly eventFile: string;
}

export const TRIGGERS = ['sqs', 'http', 'schedule'] as const;
const root = resolve(__dirname, '..', '..');

export async function invoke(options: InvokeOptions): Promise<InvokeResult> {
  const appDir = resolve(root, options.app);
  const service = basename(appDir);
  const bundle = join(options.distDir ?? join(root, 'dist', 'apps'), service, options.fn, 'index.js');
  if (!existsSync(bundle)) {
    throw new Error(
      `No bundle at ${bundle}. Build it with "npx nx run ${service}:build", and check the function name ` +
        `(src/handlers/<function>.ts).`,
    );
  }
  const eventFile = resolveEvent(appDir, options.fn, options.event);
  const config = readLocalConfig(appDir);

  const services = await startLocalServices(appDir, config);
  const tmp = mkdtempSync(join(tmpdir(), 'invoke-'));
  try {
    const settingsFile = join(tmp, 'settings.json');
    writeFileSync(settingsFile, JSON.stringify(config.settings ?? {}));
    const resultFile = join(tmp, 'result.json');
    const timeoutMs = options.timeoutMs ?? 30_000;

    const logs = await runBundle(bundle, eventFile, resultFile, timeoutMs, {
      SERVICE: service,
      ENVIRONMENT: 'local',
      POWERTOOLS_SERVICE_NAME: service,
      AWS_LAMBDA_FUNCTION_NAME: `${service}-local-${options.fn}`,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      // What Lambda sets for on-demand environments; Powertools reports cold starts only then.
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      // Any AWS service without a local stand-in fails on a closed loopback port, never reaches AWS.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      SETTINGS_PROVIDER: 'local',
      SETTINGS_FILE: settingsFile,
      // Local settings are refused inside Lambda unless asked for; this is a deliberate local run.
      SETTINGS_ALLOW_LOCAL: 'true',
      INVOKE_TIMEOUT_MS: String(timeoutMs),
      ...services.environment,
    });
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as Pick<
      InvokeResult,
      'ok' | 'response' | 'error' | 'initMs' | 'durationMs'
    >;
    return { ...result, logs, eventFile, ...(await services.collect()) };
  } finally {
    await services.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function resolveEvent(appDir: string, fn: string, event: string | undefined): string {
  if (event && (TRIGGERS as readonly string[]).includes(event))
    return join(__dirname, 'events', `${event}.json`);
  const candidates = event
    ? [resolve(event), resolve(appDir, event)]
    : [join(appDir, 'events', `${fn}.json`)];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) {
    throw new Error(
      `Event file ${candidates[0]} not found. Pass --event ${TRIGGERS.join('|')} for a generic sample, ` +
        `or --event <file.json>; without --event, apps/<service>/events/<function>.json is used.`,
    );
  }
  return file;
}

function runBundle(
  bundle: string,
  eventFile: string,
  resultFile: string,
  timeoutMs: number,
  env: Record<string, string>,
): Promise<unknown[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', join(__dirname, 'runner.cjs'), bundle, eventFile, resultFile],
      // Only PATH from this shell: the function sees the environment Lambda would give it, no AWS profile.
      { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // The runner enforces the timeout itself; this only catches a process that cannot even do that.
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 10_000);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      if (!existsSync(resultFile)) {
        reject(new Error(`The function process exited with ${code} before returning:\n${err || out}`));
        return;
      }
      resolvePromise(parseLines(`${out}\n${err}`));
    });
  });
}

/** JSON lines parsed; other non-empty lines (warnings, console.log) kept as text. */
function parseLines(output: string): unknown[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      if (!line.trim().startsWith('{')) return line;
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return line;
      }
    });
}
