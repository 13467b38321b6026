// The Lambda context a handler gets, as the Node.js runtime builds it; shared by the one-shot runner
// (nx run <service>:invoke) and the long-lived workers of npm run dev.
const { randomUUID } = require('node:crypto');

/** @param {{ timeoutMs: number, awsRequestId?: string }} options */
function createLambdaContext({ timeoutMs, awsRequestId = randomUUID() }) {
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${randomUUID()}`,
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done() {},
    fail() {},
    succeed() {},
  };
}

const errorOf = (error) => ({
  name: error?.name ?? 'Error',
  message: error?.message ?? String(error),
  stack: error?.stack,
});

module.exports = { createLambdaContext, errorOf };
