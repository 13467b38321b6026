import * as v from 'valibot';

/**
 * What an order is, as the API accepts it and as the queue carries it. No AWS types here.
 * valibot rather than zod: it tree-shakes to a few KiB per bundle, where `zod` adds ~440 KiB.
 */

/** Upper-case letters, digits and dashes: the catalogue's SKU format. */
export const Sku = v.pipe(v.string(), v.regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'a SKU such as "TSHIRT-M-BLUE"'));

export const OrderLine = v.object({
  sku: Sku,
  quantity: v.pipe(v.number(), v.integer('a whole number'), v.minValue(1), v.maxValue(999)),
});
export type OrderLine = v.InferOutput<typeof OrderLine>;

/** The hard cap of the request schema; the `max-lines-per-order` setting may only lower it. */
export const MAX_LINES = 100;

const Lines = v.pipe(
  v.array(OrderLine),
  v.minLength(1, 'an order needs at least one line'),
  v.maxLength(MAX_LINES, `at most ${MAX_LINES} lines`),
  // One line per SKU: two lines of the same product are almost always a client bug (a double add).
  v.rawCheck(({ dataset, addIssue }) => {
    const lines = dataset.value as readonly { sku?: unknown }[];
    const seen = new Map<unknown, number>();
    lines.forEach((line, index) => {
      if (typeof line?.sku !== 'string') return;
      const first = seen.get(line.sku);
      if (first === undefined) {
        seen.set(line.sku, index);
        return;
      }
      addIssue({
        message: `duplicate of lines[${first}].sku; put the total quantity on one line`,
        path: [
          { type: 'array', origin: 'value', input: lines as unknown[], key: index, value: line },
          { type: 'object', origin: 'value', input: line, key: 'sku', value: line.sku },
        ],
      });
    });
  }),
);

const CustomerId = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" or "-", at most 64'),
);

/** The body of `POST /orders`. */
export const NewOrder = v.object({ customerId: CustomerId, lines: Lines });
export type NewOrder = v.InferOutput<typeof NewOrder>;

export const OrderId = v.pipe(
  v.string(),
  v.regex(/^ord_[A-Za-z0-9-]{8,64}$/, 'an order ID such as "ord_3f6c..."'),
);

/** The message create-order sends and process-orders consumes. */
export const OrderPlaced = v.object({
  type: v.literal('order.placed'),
  version: v.literal(1),
  orderId: OrderId,
  customerId: CustomerId,
  placedAt: v.pipe(v.string(), v.isoTimestamp()),
  lines: Lines,
});
export type OrderPlaced = v.InferOutput<typeof OrderPlaced>;
