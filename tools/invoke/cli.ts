import { relative, resolve } from 'node:path';
import { invoke, TRIGGERS } from './invoke';

// nx run <service>:invoke --function <name> [--event sqs|http|schedule|<file.json>] [--timeout <seconds>] [--json]
const USAGE =
  `usage: nx run <service>:invoke --function <name> [--event ${TRIGGERS.join('|')}|<file.json>] ` +
  '[--timeout <seconds>] [--json] [--dist-dir <folder of the bundles, default dist/apps>]';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(3);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : argv[i + 1];
}

async function main() {
  const app = process.argv[2];
  const fn = arg('function');
  const timeout = arg('timeout');
  if (!app || !fn || (timeout !== undefined && !(Number(timeout) > 0))) {
    console.error(USAGE);
    process.exit(2);
  }
  const distDir = arg('dist-dir');
  const result = await invoke({
    app,
    fn,
    event: arg('event'),
    distDir: distDir === undefined ? undefined : resolve(distDir),
    timeoutMs: timeout === undefined ? undefined : Number(timeout) * 1000,
  });
  if (process.argv.includes('--json')) {
    // Machine-readable: the whole result on one line (scripts, tests).
    console.log(JSON.stringify(result));
    process.exit(result.ok ? 0 : 1);
  }
  console.log(`== event ${relative(process.cwd(), result.eventFile)}`);
  console.log(`\n== logs (${result.logs.length} lines)`);
  for (const line of result.logs) console.log(typeof line === 'string' ? line : JSON.stringify(line));
  const timing = `init ${result.initMs.toFixed(1)} ms${result.durationMs !== undefined ? `, duration ${result.durationMs.toFixed(1)} ms` : ''}`;
  console.log(`\n== ${result.ok ? 'response' : 'error'} (${timing})`);
  console.log(JSON.stringify(result.ok ? result.response : result.error, null, 2));
  for (const [queue, messages] of Object.entries(result.messages)) {
    console.log(`\n== sent to queue ${queue} (${messages.length})`);
    for (const m of messages) console.log(JSON.stringify(m));
  }
  for (const [table, items] of Object.entries(result.tables)) {
    console.log(`\n== table ${table} (${items.length} items)`);
    for (const item of items) console.log(JSON.stringify(item));
  }
  for (const [variable, requests] of Object.entries(result.requests)) {
    console.log(`\n== requests to the ${variable} stub (${requests.length})`);
    for (const r of requests) console.log(`${r.method} ${r.path}  (headers: ${r.headers.join(', ')})`);
  }
  if (!result.ok) process.exit(1);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
