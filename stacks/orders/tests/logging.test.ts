import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import OrdersStack from '../src/stack';
import { config, root } from './config';

/*
 * Debug sampling as deployed: the real create-order bundle (dist/apps/orders, from `orders:build`), in its
 * own process through the local-invoke runner, with the environment Lambda derives from the synthesized
 * logging_config, and Lambda's JSON log filter applied to what it writes: only what passes reaches CloudWatch.
 */
const bundle = join(root, 'dist', 'apps', 'orders', 'create-order', 'index.js');
const runner = join(root, 'tools', 'invoke', 'runner.cjs');
const event = join(root, 'apps', 'orders', 'events', 'create-order.json');
const work = mkdtempSync(join(tmpdir(), 'orders-logging-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Resource = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON is untyped
type Line = Record<string, unknown>;

function synthesizedFunction(name: string): Resource {
  const stack = new OrdersStack(Testing.app() as App, 'orders-dev', config);

  const { resource } = JSON.parse(Testing.synth(stack)) as {
    resource: Record<string, Record<string, Resource>>;
  };
  const fn = Object.values(resource.aws_lambda_function).find((f) => f.function_name === name);
  if (!fn) throw new Error(`No function ${name} in the synthesized stack`);
  return fn;
}

const fn = synthesizedFunction('orders-dev-create-order');
/** What Lambda sets from logging_config: the format, and for JSON the application level (INFO when unset). */
const lambdaLogLevel: string = fn.logging_config.application_log_level ?? 'INFO';
const lambdaEnvironment = {
  AWS_LAMBDA_LOG_FORMAT: fn.logging_config.log_format,
  ...(fn.logging_config.log_format === 'JSON' ? { AWS_LAMBDA_LOG_LEVEL: lambdaLogLevel } : {}),
};

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
/** Lambda's JSON filter: a line below the application log level never reaches CloudWatch. */
const passesLambda = (line: Line) =>
  LEVELS.indexOf(String(line.level).toUpperCase()) >= LEVELS.indexOf(lambdaLogLevel);

/** One cold invocation with these settings; the lines that reach CloudWatch. */
function invokeWith(settings: Record<string, string>, name: string): Line[] {
  const settingsFile = join(work, `${name}.settings.json`);
  const resultFile = join(work, `${name}.result.json`);
  writeFileSync(settingsFile, JSON.stringify({ 'orders/pricing-api-key': 'local-key', ...settings }));
  // The function's literal variables (references resolve only in AWS), then what Lambda and this run add.
  const variables = Object.fromEntries(
    Object.entries(fn.environment.variables as Record<string, string>).filter(([, v]) => !v.includes('${')),
  );
  const run = spawnSync(process.execPath, [runner, bundle, event, resultFile], {
    env: {
      PATH: process.env.PATH ?? '',
      ...variables,
      ...lambdaEnvironment,
      AWS_LAMBDA_FUNCTION_NAME: fn.function_name,
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      // Nothing reaches AWS: every call fails on a closed loopback port.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      SETTINGS_PROVIDER: 'local',
      SETTINGS_FILE: settingsFile,
      SETTINGS_ALLOW_LOCAL: 'true',
      INVOKE_TIMEOUT_MS: '20000',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  // The runner writes its result whether the handler answered or failed: proof the bundle ran.
  JSON.parse(readFileSync(resultFile, 'utf8'));
  return `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line)
    .filter(passesLambda);
}

const debugLines = (lines: Line[]) => lines.filter((l) => l.level === 'DEBUG');

jest.setTimeout(120_000);

describe('orders create-order, deployed logging', () => {
  it('lets Lambda pass every level, so the logger alone filters', () => {
    expect(lambdaEnvironment).toEqual({ AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'TRACE' });
    expect(fn.environment.variables.LOG_LEVEL).toBe('INFO');
  });

  it('writes DEBUG lines that reach CloudWatch for a sampled invocation (sample rate 1)', () => {
    const lines = invokeWith({ 'log-level': 'INFO', 'debug-sample-rate': '1' }, 'sampled');
    expect(debugLines(lines)).toContainEqual(expect.objectContaining({ message: 'HTTP request' }));
  });

  it('writes no DEBUG line for an unsampled invocation (sample rate 0), but still its INFO lines', () => {
    const lines = invokeWith({ 'log-level': 'INFO', 'debug-sample-rate': '0' }, 'unsampled');
    expect(debugLines(lines)).toEqual([]);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('follows the log-level setting over LOG_LEVEL, without a deploy', () => {
    const lines = invokeWith({ 'log-level': 'DEBUG', 'debug-sample-rate': '0' }, 'debug-level');
    expect(debugLines(lines)).toContainEqual(expect.objectContaining({ message: 'HTTP request' }));
  });
});
