// Runs one bundled handler in this fresh Node process, the way the Lambda runtime does:
// require (cold start), then handler(event, context). argv: bundle, event file, result file.
const { readFileSync, writeFileSync } = require('node:fs');
const { randomUUID } = require('node:crypto');

const [bundle, eventFile, resultFile] = process.argv.slice(2);
const timeoutMs = Number(process.env.INVOKE_TIMEOUT_MS ?? 30000);
const started = Date.now();
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: `local/${randomUUID()}`,
  getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
  done() {},
  fail() {},
  succeed() {},
};

(async () => {
  const initStart = process.hrtime.bigint();
  const { handler } = require(bundle);
  const initMs = Number(process.hrtime.bigint() - initStart) / 1e6;
  const event = JSON.parse(readFileSync(eventFile, 'utf8'));
  const invokeStart = process.hrtime.bigint();
  try {
    const response = await handler(event, context);
    const durationMs = Number(process.hrtime.bigint() - invokeStart) / 1e6;
    writeFileSync(resultFile, JSON.stringify({ ok: true, response: response ?? null, initMs, durationMs }));
  } catch (error) {
    writeFileSync(resultFile, JSON.stringify({ ok: false, error: { name: error.name, message: error.message, stack: error.stack }, initMs }));
  }
})();
