// What Lambda gives a function when it loads it, for init measurements: the environment of ServiceFunction
// (NODE_OPTIONS included), credentials in the environment (no file or IMDS lookups), and no developer
// settings leaking in. Lambda runs Node 22, on which the SDK prints no Node-version warning; on an older
// Node that warning would be timed as init.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { stats } from './report.mjs';

export const lambdaEnv = {
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

const probe = join(import.meta.dirname, 'init-probe.cjs');

/** ms to load the handler module `file` in a fresh Node process, as the Lambda runtime does (init-probe.cjs). */
export const initOnce = (file, env = {}) =>
  Number(
    execFileSync(process.execPath, [probe, file], {
      env: { ...lambdaEnv, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );

/** Init of every file of `files` (name -> path), `runs` fresh processes each, the files taking turns. */
export function initTimes(files, runs) {
  const ms = Object.fromEntries(Object.keys(files).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, file] of Object.entries(files)) ms[name].push(initOnce(file));
  }
  return Object.fromEntries(Object.entries(ms).map(([name, values]) => [name, stats(values)]));
}
