import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions extends Partial<Omit<Context, 'getRemainingTimeInMillis'>> {
  /** Milliseconds the invocation may run; `getRemainingTimeInMillis()` counts down from here. @default 30000 */
  readonly timeoutMs?: number;
}

/**
 * A Lambda context as the Node.js runtime passes it, with a fresh `awsRequestId` per call.
 * Field values follow what Lambda sends (string memory size, `$LATEST` version, ARN of the function).
 */
export function createLambdaContext(options: LambdaContextOptions = {}): Context {
  const { timeoutMs = 30_000, ...overrides } = options;
  const functionName = overrides.functionName ?? 'orders-test-process-orders';
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2024/06/17/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}
