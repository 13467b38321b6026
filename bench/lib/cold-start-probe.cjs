// A cold start as Lambda runs it: loads the handler module (require, or import for .mjs), then invokes it
// once. Prints the wall and CPU ms (user + system, all threads) of each phase as JSON. AWS calls go to
// AWS_ENDPOINT_URL (bench/lib/awsStub.mjs).
const { pathToFileURL } = require('node:url');

const [file] = process.argv.slice(2);
void process.stdout;
void process.stderr;
/** @template T @param {() => Promise<T> | T} run */
const phase = async (run) => {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await run();
  const { user, system } = process.cpuUsage(cpu);
  return { value, wallMs: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (user + system) / 1000 };
};
(async () => {
  const init = await phase(() => (file.endsWith('.mjs') ? import(pathToFileURL(file).href) : require(file)));
  const first = await phase(() => init.value.handler({ body: '{"orderId":"o-1"}' }, {}));
  if (first.value?.statusCode !== 200)
    throw new Error(`first invocation answered ${JSON.stringify(first.value)}`);
  process.stdout.write(
    JSON.stringify({
      init: { wallMs: init.wallMs, cpuMs: init.cpuMs },
      first: { wallMs: first.wallMs, cpuMs: first.cpuMs },
    }),
  );
})();
