// One warm Lambda execution environment for npm run dev: loads the bundle once (the cold start),
// then runs one invocation at a time, as Lambda does, for as long as the parent keeps it.
// argv: bundle. Messages from the parent: { id, event, timeoutMs, requestId }.
const { createLambdaContext, errorOf } = require('../invoke/lambdaContext.cjs');

const [bundle] = process.argv.slice(2);
const send = (message) => process.send?.(message);

let handler;
const initStart = process.hrtime.bigint();
try {
  ({ handler } = require(bundle));
  if (typeof handler !== 'function') throw new TypeError(`${bundle} does not export a "handler" function`);
  send({ type: 'ready', initMs: Number(process.hrtime.bigint() - initStart) / 1e6 });
} catch (error) {
  // Exit once the message is sent (whatever timers the module started): the parent marks the
  // function failed and starts a fresh process for the next attempt, as Lambda re-runs init.
  process.send?.({ type: 'init-error', error: errorOf(error) }, () => process.exit(1));
}

process.on('message', async ({ id, event, timeoutMs, requestId }) => {
  const context = createLambdaContext({ timeoutMs, awsRequestId: requestId });
  const started = process.hrtime.bigint();
  const durationMs = () => Number(process.hrtime.bigint() - started) / 1e6;
  try {
    const response = await handler(event, context);
    send({ type: 'result', id, ok: true, response: response ?? null, durationMs: durationMs() });
  } catch (error) {
    send({ type: 'result', id, ok: false, error: errorOf(error), durationMs: durationMs() });
  }
});

// The parent going away (even by SIGKILL) closes the IPC channel: never outlive it.
process.on('disconnect', () => process.exit(0));
