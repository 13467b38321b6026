// What Lambda gives a function when it loads it, for init measurements: the environment of ServiceFunction
// (NODE_OPTIONS included), credentials in the environment (no file or IMDS lookups), and no developer
// settings leaking in. Lambda runs Node 22, on which the SDK prints no Node-version warning; on an older
// Node that warning would be timed as init.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { workspaceRoot } from './results';
import { type Stats, stats } from './stats';

export const lambdaEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench-bench-handler',
  SERVICE: 'bench',
  ENVIRONMENT: 'bench',
  SETTINGS_PATH: '/bench/bench/',
  LOG_LEVEL: 'INFO',
  POWERTOOLS_SERVICE_NAME: 'bench',
  QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/bench-orders',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

type LambdaBuildOptions = (entry: string, outfile: string | undefined) => BuildOptions;

/**
 * The production esbuild options (tools/bundle-functions.mjs) of the workspace at `root`, loaded by path:
 * bench imports no other project's source, so that Nx sees no dependency on the tools project.
 */
export async function loadLambdaBuildOptions(root = workspaceRoot): Promise<LambdaBuildOptions> {
  const module = (await import(pathToFileURL(join(root, 'tools', 'bundle-functions.mjs')).href)) as {
    lambdaBuildOptions: LambdaBuildOptions;
  };
  return module.lambdaBuildOptions;
}

const probe = join(__dirname, 'init-probe.cjs');

/** ms to load the handler module `file` in a fresh Node process, as the Lambda runtime does (init-probe.cjs). */
export const initOnce = (file: string, env: NodeJS.ProcessEnv = {}): number =>
  Number(
    execFileSync(process.execPath, [probe, file], {
      env: { ...lambdaEnv, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );

/** Init of every file of `files` (name -> path), `runs` fresh processes each, the files taking turns. */
export function initTimes(files: Readonly<Record<string, string>>, runs: number): Record<string, Stats> {
  const ms: Record<string, number[]> = Object.fromEntries(Object.keys(files).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, file] of Object.entries(files)) ms[name]!.push(initOnce(file));
  }
  return Object.fromEntries(Object.entries(ms).map(([name, values]) => [name, stats(values)]));
}
