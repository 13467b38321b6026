import { sqsHandler } from '@platform/lambda';
import * as v from 'valibot';
import { recordSale } from '../domain/record-sale';
import { logSettings } from '../logSettings';

/** One message of the record-sale queue; a record that fails it is reported as failed, alone. */
const RecordSaleMessage = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  quantity: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

// AWS glue only: one domain call per record; failed records go back to the queue (and, after
// maxReceiveCount, to its DLQ) while the rest of the batch is done.
export const handler = sqsHandler({
  schema: RecordSaleMessage,
  handle: (message) => recordSale(message),
  logSettings,
});
