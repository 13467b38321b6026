// Runs one bundled handler in this fresh Node process, the way the Lambda runtime does:
// require (cold start), then handler(event, context), within the timeout.
// argv: bundle, event file, result file.
const { readFileSync, writeFileSync } = require('node:fs');
const { createLambdaContext, errorOf } = require('./lambdaContext.cjs');

const [bundle, eventFile, resultFile] = process.argv.slice(2);
const timeoutMs = Number(process.env.INVOKE_TIMEOUT_MS ?? 30000);

function finish(result) {
  writeFileSync(resultFile, JSON.stringify(result));
  // Lambda freezes the process once the handler returns; here it ends, whatever sockets or timers
  // (SDK keep-alive connections, caches) are still open. Writes to pipes are synchronous on Linux.
  process.exit(result.ok ? 0 : 1);
}

(async () => {
  const initStart = process.hrtime.bigint();
  let handler;
  try {
    ({ handler } = require(bundle));
    if (typeof handler !== 'function') throw new TypeError(`${bundle} does not export a "handler" function`);
  } catch (error) {
    finish({ ok: false, error: errorOf(error), initMs: Number(process.hrtime.bigint() - initStart) / 1e6 });
    return;
  }
  const initMs = Number(process.hrtime.bigint() - initStart) / 1e6;
  const event = JSON.parse(readFileSync(eventFile, 'utf8'));
  const context = createLambdaContext({ timeoutMs });
  setTimeout(() => {
    finish({
      ok: false,
      error: {
        name: 'TimeoutError',
        message: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
      },
      initMs,
    });
  }, timeoutMs).unref();
  const invokeStart = process.hrtime.bigint();
  try {
    const response = await handler(event, context);
    const durationMs = Number(process.hrtime.bigint() - invokeStart) / 1e6;
    finish({ ok: true, response: response ?? null, initMs, durationMs });
  } catch (error) {
    finish({
      ok: false,
      error: errorOf(error),
      initMs,
      durationMs: Number(process.hrtime.bigint() - invokeStart) / 1e6,
    });
  }
})();
