import { invoke } from './invoke';

// nx run <service>:invoke --function <name> [--event sqs|http|schedule|<file.json>]
function arg(name: string): string | undefined {
  const argv = process.argv.slice(3);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

async function main() {
  const app = process.argv[2];
  const fn = arg('function');
  if (!app || !fn) {
    console.error('usage: nx run <service>:invoke --function <name> [--event sqs|http|schedule|<file.json>]');
    process.exit(2);
  }
  const result = await invoke({ app, fn, event: arg('event') });
  console.log(`\n== logs (${result.logs.length} lines)`);
  for (const line of result.logs) console.log(JSON.stringify(line));
  console.log(`\n== ${result.ok ? 'response' : 'error'} (init ${result.initMs.toFixed(1)} ms${result.durationMs !== undefined ? `, duration ${result.durationMs.toFixed(1)} ms` : ''})`);
  console.log(JSON.stringify(result.ok ? result.response : result.error, null, 2));
  for (const [queue, messages] of Object.entries(result.messages)) {
    console.log(`\n== sent to ${queue} (${messages.length})`);
    for (const m of messages) console.log(JSON.stringify(m));
  }
  if (!result.ok) process.exit(1);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
