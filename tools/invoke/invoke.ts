import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { ReceiveMessageCommand, SQSClient, CreateQueueCommand } from '@aws-sdk/client-sqs';

/**
 * Local invoke: runs a function's esbuild bundle in a fresh Node process with a realistic event
 * and Lambda context, local settings, and a real SQS server on 127.0.0.1 for the queues it sends to.
 */
export interface InvokeOptions {
  /** The app folder, e.g. apps/orders. */
  readonly app: string;
  readonly fn: string;
  /** A trigger name (sqs, http, schedule) for a generic sample, or a path to an event JSON file. */
  readonly event?: string;
}

export interface InvokeResult {
  readonly ok: boolean;
  readonly response?: unknown;
  readonly error?: { name: string; message: string };
  readonly initMs: number;
  readonly durationMs?: number;
  readonly logs: unknown[];
  /** Messages that arrived on the local queues, by queue name. */
  readonly messages: Record<string, { body: string; attributes: Record<string, string | undefined> }[]>;
}

/** apps/<service>/local.json: settings for the local provider, and environment variables. */
interface LocalConfig {
  /** Values the settings package serves locally (SETTINGS_PROVIDER=local). */
  settings?: Record<string, string>;
  /** Environment variables; a value "sqs:<queue-name>" becomes the URL of that queue on the local server. */
  environment?: Record<string, string>;
}

const root = resolve(__dirname, '..', '..');

export async function invoke(options: InvokeOptions): Promise<InvokeResult> {
  const appDir = resolve(root, options.app);
  const service = basename(appDir);
  const bundle = join(root, 'dist', 'apps', service, options.fn, 'index.js');
  if (!existsSync(bundle)) {
    throw new Error(`No bundle at ${bundle}. Build it with "npx nx run ${service}:build", and check the function name.`);
  }
  const eventFile = resolveEvent(appDir, options.fn, options.event);
  const config = readLocalConfig(appDir);

  const { startLocalSqs } = (await import(join(root, 'tools', 'local-sqs.mjs'))) as typeof import('../local-sqs.mjs');
  const sqs = await startLocalSqs();
  const tmp = mkdtempSync(join(tmpdir(), 'invoke-'));
  try {
    const client = new SQSClient({ endpoint: sqs.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const queues: Record<string, string> = {};
    const environment: Record<string, string> = {};
    for (const [key, value] of Object.entries(config.environment ?? {})) {
      const queue = /^sqs:(.+)$/.exec(value)?.[1];
      if (queue) {
        const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: queue }));
        queues[queue] = QueueUrl!;
        environment[key] = QueueUrl!;
      } else {
        environment[key] = value;
      }
    }
    const settingsFile = join(tmp, 'settings.json');
    writeFileSync(settingsFile, JSON.stringify(config.settings ?? {}));
    const resultFile = join(tmp, 'result.json');

    const logs = await runBundle(bundle, eventFile, resultFile, {
      SERVICE: service,
      ENVIRONMENT: 'local',
      POWERTOOLS_SERVICE_NAME: service,
      AWS_LAMBDA_FUNCTION_NAME: `${service}-local-${options.fn}`,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      SETTINGS_PROVIDER: 'local',
      SETTINGS_FILE: settingsFile,
      // Local settings are refused inside Lambda unless asked for; this is a deliberate local run.
      SETTINGS_ALLOW_LOCAL: 'true',
      ...environment,
    });
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as Omit<InvokeResult, 'logs' | 'messages'>;

    const messages: InvokeResult['messages'] = {};
    for (const [name, url] of Object.entries(queues)) {
      const received = await client.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], WaitTimeSeconds: 0 }),
      );
      messages[name] = (received.Messages ?? []).map((m) => ({
        body: m.Body ?? '',
        attributes: Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue])),
      }));
    }
    client.destroy();
    return { ...result, logs, messages };
  } finally {
    await sqs.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function resolveEvent(appDir: string, fn: string, event: string | undefined): string {
  if (event && ['sqs', 'http', 'schedule'].includes(event)) return join(__dirname, 'events', `${event}.json`);
  const file = event ? resolve(event) : join(appDir, 'events', `${fn}.json`);
  if (!existsSync(file)) {
    throw new Error(`Event file ${file} not found. Pass --event sqs|http|schedule for a sample, or --event <file.json>.`);
  }
  return file;
}

function readLocalConfig(appDir: string): LocalConfig {
  const file = join(appDir, 'local.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LocalConfig) : {};
}

function runBundle(bundle: string, eventFile: string, resultFile: string, env: Record<string, string>): Promise<unknown[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', join(__dirname, 'runner.cjs'), bundle, eventFile, resultFile], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!existsSync(resultFile)) {
        reject(new Error(`The function process exited with ${code} before returning:\n${err || out}`));
        return;
      }
      const logs = `${out}\n${err}`
        .split('\n')
        .filter((l) => l.trim().startsWith('{'))
        .map((l) => {
          try {
            return JSON.parse(l) as unknown;
          } catch {
            return l;
          }
        });
      resolvePromise(logs);
    });
  });
}
