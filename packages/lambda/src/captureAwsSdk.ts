import { Tracer } from '@aws-lambda-powertools/tracer';

let tracer: Tracer | undefined;

/**
 * Opt-in X-Ray subsegments for an AWS SDK v3 client the function creates (Powertools Tracer): each call of
 * the client becomes a subsegment of the invocation's trace, with its service, operation and errors.
 * `const dynamo = captureAwsSdk(new DynamoDBClient({}))`. Not on by default: the Tracer adds ~124 KB and
 * ~31 ms of init CPU (docs/performance.md, "Tracing"), over the 10 ms a package may add; only the functions
 * whose code calls this bundle it. Outside Lambda (no `AWS_EXECUTION_ENV`) the client is returned as is.
 */
export function captureAwsSdk<T>(client: T): T {
  tracer ??= new Tracer();
  return tracer.captureAWSv3Client(client);
}
