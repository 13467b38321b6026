import { checkedId } from './names';
import type { ServiceStack } from './ServiceStack';
import { Table, type TableProps } from './Table';
import type { TableAction } from './grants';

/** The attributes of Powertools idempotency's DynamoDB persistence layer (its defaults). */
export const IDEMPOTENCY_KEY_ATTRIBUTE = 'id';
export const IDEMPOTENCY_EXPIRY_ATTRIBUTE = 'expiration';

/**
 * What Powertools idempotency calls, on single items by key: read the record, put it IN_PROGRESS
 * (conditional), update it to COMPLETED, delete it when the work failed. Nothing else.
 */
export const IDEMPOTENCY_TABLE_ACCESS: readonly TableAction[] = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
];

export type IdempotencyTableProps = Pick<
  TableProps,
  'pointInTimeRecovery' | 'deletionProtection' | 'throttleAlarm'
>;

/**
 * A table for Powertools idempotency records (`@aws-lambda-powertools/idempotency/dynamodb` with its
 * default attribute names): partition key `id`, TTL on `expiration`, so records go away by themselves
 * once they expire. Grant with `fn.grantTable(table, IDEMPOTENCY_TABLE_ACCESS)`.
 */
export class IdempotencyTable extends Table {
  constructor(stack: ServiceStack, id: string, props: IdempotencyTableProps = {}) {
    super(stack, checkedId(stack, id, `IdempotencyTable "${id}"`), {
      ...props,
      partitionKey: { name: IDEMPOTENCY_KEY_ATTRIBUTE, type: 'S' },
      timeToLiveAttribute: IDEMPOTENCY_EXPIRY_ATTRIBUTE,
    });
  }
}
