import { sqsHandler, type SqsLambdaHandler } from '@platform/lambda';
import { getSettings } from '@platform/settings';
import { oncePerOrder, registerLambdaContext } from '../adapters/idempotency';
import { getPriceList } from '../adapters/priceList';
import { publishOrderEvent } from '../adapters/queues';
import { OrderPlaced } from '../domain/order';
import { processOrder } from '../domain/processOrder';
import { logSettings } from '../logSettings';
import { settings } from '../settings';

const processOnce = oncePerOrder(async (order: OrderPlaced) => {
  const { taxRatePercent } = await getSettings(settings);
  return processOrder(order, {
    priceList: getPriceList,
    taxRatePercent,
    publish: publishOrderEvent,
    now: () => new Date(),
  });
});

// Batches from the orders queue: a record that is not JSON, not an OrderPlaced, or whose processing
// throws is reported in batchItemFailures; the others are done.
const processBatch = sqsHandler({ schema: OrderPlaced, handle: (order) => processOnce(order), logSettings });

export const handler: SqsLambdaHandler = (event, context) => {
  registerLambdaContext(context);
  return processBatch(event, context);
};
