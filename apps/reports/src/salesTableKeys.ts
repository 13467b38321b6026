/**
 * The sales table's key and expiry attributes: the stack creates the table with them and the code
 * reads and writes by them, so both come from here (exported to the stack by src/index.ts).
 */
export const SALES_TABLE_KEYS = {
  /** A UTC day, `YYYY-MM-DD`. */
  partitionKey: 'day',
  /** `sales#00`…`sales#15` (counters) or `report`. */
  sortKey: 'item',
  /** Epoch seconds after which DynamoDB deletes the item. */
  timeToLiveAttribute: 'expiresAt',
} as const;
