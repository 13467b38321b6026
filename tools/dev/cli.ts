import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DevError, notRunning } from './errors';
import { LogStream } from './logStream';
import { startDev } from './startDev';
import { summary } from './summary';

const USAGE = `usage: npm run dev -- [<service>...] [options]     (or: npx nx run <service>:dev)

Runs the selected services (default: all, up to 40 functions) and the services they talk to on 127.0.0.1, wired as
their synthesized stacks say (cdktf.out), with no AWS account and no Docker.

  --env <name>            the stacks' environment (default dev)
  --port <n>              first HTTP API port, the next APIs take the following ones (default 3000; 0: free ports)
  --sqs-port <n>          local SQS/SNS (default 9324)
  --dynamodb-port <n>     local DynamoDB (default 8000)
  --control-port <n>      control endpoint (default 3999)
  --retry-after <s>       seconds before a failed SQS message is retried (default: the queue's visibility timeout)
  --all                   with no service named, run every service even above 40 functions
  --no-watch              do not rebuild on change
  --work-dir <dir>        bundles, settings and control.json (default dist/dev)
  --fire <service>/<fn>   fire that function's schedule in the running npm run dev, print the result, exit`;

const root = resolve(__dirname, '..', '..');

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        env: { type: 'string', default: 'dev' },
        port: { type: 'string', default: '3000' },
        'sqs-port': { type: 'string', default: '9324' },
        'dynamodb-port': { type: 'string', default: '8000' },
        'control-port': { type: 'string', default: '3999' },
        'retry-after': { type: 'string' },
        'no-watch': { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        'work-dir': { type: 'string', default: join(root, 'dist', 'dev') },
        fire: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // An unknown or incomplete option: say which, and show the usage instead of a stack trace.
    throw new DevError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

function options() {
  const { values, positionals } = parse();
  const number = (name: keyof typeof values) => {
    const text = values[name] as string;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new DevError(`--${name} is "${text}": give a whole number (0-65535).\n\n${USAGE}`);
    return n;
  };
  return {
    help: values.help,
    fire: values.fire,
    environment: values.env,
    services: positionals,
    all: values.all,
    port: number('port'),
    sqsPort: number('sqs-port'),
    dynamodbPort: number('dynamodb-port'),
    controlPort: number('control-port'),
    retryAfterSeconds: values['retry-after'] === undefined ? undefined : number('retry-after'),
    watch: !values['no-watch'],
    workDir: resolve(values['work-dir']),
  };
}

/** --fire: asks the running npm run dev (found through its control.json) to fire a schedule. */
async function fire(workDir: string, target: string): Promise<number> {
  const file = join(workDir, 'control.json');
  if (!existsSync(file)) throw notRunning(file);
  const { url } = JSON.parse(readFileSync(file, 'utf8')) as { url: string };
  const response = await fetch(`${url}/fire/${target}`, { method: 'POST' }).catch((error: unknown) => {
    throw new DevError(
      `npm run dev does not answer at ${url} (${file} is left from a run that ended?). Start it again.`,
      { cause: error },
    );
  });
  const body = (await response.json()) as Record<string, unknown>;
  console.log(JSON.stringify(body, null, 2));
  return response.ok ? 0 : 1;
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  if (opts.fire) {
    process.exitCode = await fire(opts.workDir, opts.fire);
    return;
  }
  const log = new LogStream();
  const started = Date.now();
  const session = await startDev({ ...opts, root, log });
  console.log(summary(session, opts.environment, (Date.now() - started) / 1000));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C: do not wait any longer.
      process.exit(130);
    }
    stopping = true;
    log.info(`${signal}: stopping`);
    void session.stop().then(() => {
      log.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  // Our own errors say what to do; anything else keeps its stack for a bug report.
  const expected = error instanceof DevError || error.name === 'LocalConfigError';
  console.error(expected ? error.message : (error.stack ?? error.message));
  process.exit(1);
});
