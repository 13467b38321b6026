import { sqsHandler } from '@platform/lambda';
import { salesTable } from '../adapters/salesTable';
import { recordSale } from '../domain/recordSale';
import { Sale } from '../domain/sale';
import { logSettings } from '../logSettings';

// AWS glue only: one domain call per record. A record that is not JSON, not a sale, or whose write
// fails is reported in batchItemFailures (retried, then the DLQ); the rest of the batch is done.
export const handler = sqsHandler({
  schema: Sale,
  handle: (sale) => recordSale(sale, salesTable()),
  logSettings,
});
