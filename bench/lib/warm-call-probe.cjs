// Warm invocations as Lambda runs them with active tracing: loads the handler, invokes it WARM_UP times,
// then CALLS times, each under a new sampled trace header (Lambda sets _X_AMZN_TRACE_ID per invocation),
// and prints the CPU µs (user + system) and wall µs per invocation as JSON. AWS calls go to AWS_ENDPOINT_URL
// (bench/lib/awsStub.mjs); segments to AWS_XRAY_DAEMON_ADDRESS.
const { randomBytes } = require('node:crypto');

const [file, calls = '300', warmUp = '50'] = process.argv.slice(2);
const { handler } = require(file);
/** @param {number} bytes */
const hex = (bytes) => randomBytes(bytes).toString('hex');
const invoke = async () => {
  process.env._X_AMZN_TRACE_ID = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${hex(12)};Parent=${hex(8)};Sampled=1`;
  const response = await handler({ body: '{"orderId":"o-1"}' }, {});
  if (response?.statusCode !== 200) throw new Error(`invocation answered ${JSON.stringify(response)}`);
};
(async () => {
  for (let i = 0; i < Number(warmUp); i++) await invoke();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < Number(calls); i++) await invoke();
  const { user, system } = process.cpuUsage(cpu);
  process.stdout.write(
    JSON.stringify({
      cpuUs: (user + system) / Number(calls),
      wallUs: Number(process.hrtime.bigint() - start) / 1e3 / Number(calls),
    }),
  );
})();
