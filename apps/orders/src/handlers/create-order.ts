import { httpHandler } from '@platform/lambda';
import { getSettings } from '@platform/settings';
import { enqueueOrder } from '../adapters/queues';
import { NewOrder } from '../domain/order';
import { placeOrder } from '../domain/placeOrder';
import { logSettings } from '../logSettings';
import { settings } from '../settings';

// POST /orders: an invalid body answers 400 with every field error (the schema), the rest is the domain's.
export const handler = httpHandler({
  schema: NewOrder,
  handle: async ({ body }) => {
    const { maxLinesPerOrder } = await getSettings(settings);
    return placeOrder(body, { maxLines: maxLinesPerOrder, enqueue: enqueueOrder });
  },
  logSettings,
});
