import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { logger } from '@platform/logging';
import { requireEnv } from './env';

/**
 * Once per order ID, with Powertools idempotency on DynamoDB (IDEMPOTENCY_TABLE_NAME).
 *
 * Why Powertools and not a conditional put of our own: the work (price, then publish an event) can
 * fail half-way, and then it must run again on the next delivery. Powertools writes the record
 * IN_PROGRESS first (conditional put), marks it COMPLETED with the result after success, and
 * deletes it when the work throws; a copy of the message that arrives meanwhile fails and is
 * retried later rather than running in parallel. A bare "put if absent" before the work would
 * drop the retry of a failed attempt; after the work, it would not stop two concurrent copies.
 *
 * One gap remains: if the function dies after publishing and before COMPLETED is written, the
 * retry publishes again. Events carry a deterministic `eventId` so consumers can drop that copy.
 */
const config = new IdempotencyConfig({
  eventKeyJmesPath: 'orderId',
  // Same order ID with other content is a bug upstream: fail it loudly instead of skipping it.
  payloadValidationJmesPath: '[customerId, lines]',
  throwOnNoIdempotencyKey: true,
  // As long as any copy of the message can exist: 4 days in the queue, then up to 14 in the DLQ.
  expiresAfterSeconds: 14 * 24 * 3600,
  responseHook: (response, record) => {
    logger.info('Order already processed: not repeating the work', {
      idempotency_key: record.idempotencyKey,
    });
    return response;
  },
});

/**
 * Lets Powertools bound an IN_PROGRESS record by the invocation's remaining time, so a record left
 * behind by a timed-out invocation can be retried as soon as that invocation is over.
 */
export function registerLambdaContext(context: Context): void {
  config.registerLambdaContext(context);
}

/**
 * `work`, run at most once per `orderId` (successful runs are remembered; a failed run is not).
 * The persistence layer, and its DynamoDB client, are created on the first call.
 */
export function oncePerOrder<T extends { orderId: string }, R>(
  work: (order: T) => Promise<R>,
): (order: T) => Promise<R> {
  let idempotent: ((order: T) => Promise<R>) | undefined;
  return (order) => {
    idempotent ??= makeIdempotent(work, {
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: requireEnv('IDEMPOTENCY_TABLE_NAME') }),
      config,
      // A fixed prefix instead of the function name: renaming the function keeps the records valid.
      keyPrefix: 'orders.process-order',
    });
    return idempotent(order);
  };
}
