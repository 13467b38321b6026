import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { metricAlarm } from './alarms';
import {
  invalidAttributeName,
  invalidKeyType,
  partitionKeyMissing,
  sortKeyIsPartitionKey,
  timeToLiveOnKey,
} from './errors';
import { checkInteger } from './checkInteger';
import { checkedId, checkedName } from './names';
import type { ServiceStack } from './ServiceStack';

/** DynamoDB key attribute types: string, number, binary. */
export type KeyType = 'S' | 'N' | 'B';

export interface TableKey {
  readonly name: string;
  /** @default 'S' */
  readonly type?: KeyType;
}

export interface TableProps {
  /** The partition (hash) key. */
  readonly partitionKey: TableKey;
  /** The sort (range) key. @default none */
  readonly sortKey?: TableKey;
  /** Attribute holding an expiry in epoch seconds; DynamoDB deletes expired items for free. @default none */
  readonly timeToLiveAttribute?: string;
  /** Continuous backups, restorable to any second of the last 35 days. @default true */
  readonly pointInTimeRecovery?: boolean;
  /** Refuse DeleteTable (a destroy or a replacement fails until it is turned off). @default true */
  readonly deletionProtection?: boolean;
  /** Read or write throttle events within a minute that raise an alarm; `false` turns them off. @default 1 */
  readonly throttleAlarm?: number | false;
}

/** A table a function can be granted access to (`fn.grantTable(table, access)`). */
export interface TableTarget {
  /** The table ARN (a literal or a Terraform reference). */
  readonly tableArn: string;
  readonly tableName: string;
  /** For messages: which construct this is. */
  readonly node: { readonly id: string };
}

/** DynamoDB allows 3–255 characters of `a-z A-Z 0-9 _ . -`. */
export const TABLE_NAME_LIMIT = 255;
const ATTRIBUTE_NAME = /^.{1,255}$/s;

/**
 * A DynamoDB table `<service>-<environment>-<id>`: on demand, encrypted with the AWS-managed KMS
 * key, point-in-time recovery and deletion protection on, an optional TTL attribute, and alarms
 * on read and write throttling. Functions get access with `fn.grantTable(table, access)`.
 */
export class Table extends Construct implements TableTarget {
  readonly table: DynamodbTable;
  readonly tableName: string;
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(stack: ServiceStack, id: string, props: TableProps) {
    super(stack, checkedId(stack, id, `Table "${id}"`));
    validateTableProps(id, props);
    const { partitionKey, sortKey } = props;
    this.tableName = checkedName(
      `Table "${id}"`,
      'DynamoDB table name',
      stack.resourceName(id),
      TABLE_NAME_LIMIT,
      stack.namePrefix,
    );
    const keys = sortKey ? [partitionKey, sortKey] : [partitionKey];

    this.table = new DynamodbTable(this, 'table', {
      name: this.tableName,
      // On demand: no capacity to plan or alarm on, nothing paid while idle.
      billingMode: 'PAY_PER_REQUEST',
      hashKey: partitionKey.name,
      ...(sortKey ? { rangeKey: sortKey.name } : {}),
      attribute: keys.map((k) => ({ name: k.name, type: k.type ?? 'S' })),
      // The AWS-managed key (aws/dynamodb): every use is in CloudTrail, there is no key policy to
      // maintain, and principals allowed to use the table may use the key through DynamoDB only.
      serverSideEncryption: { enabled: true },
      pointInTimeRecovery: { enabled: props.pointInTimeRecovery ?? true },
      deletionProtectionEnabled: props.deletionProtection ?? true,
      ...(props.timeToLiveAttribute
        ? { ttl: { attributeName: props.timeToLiveAttribute, enabled: true } }
        : {}),
    });
    this.alarms = throttleAlarms(this, this.tableName, stack.alarmTopicArn, props.throttleAlarm ?? 1);
  }

  /** The table ARN (a reference): what grants name. */
  get tableArn(): string {
    return this.table.arn;
  }
}

function validateTableProps(id: string, props: TableProps): void {
  const construct = `Table "${id}"`;
  if (!props?.partitionKey) throw partitionKeyMissing(construct);
  const named: [string, string | undefined][] = [
    ['partitionKey.name', props.partitionKey.name],
    ['sortKey.name', props.sortKey?.name],
    ['timeToLiveAttribute', props.timeToLiveAttribute],
  ];
  for (const [field, value] of named) {
    if (value !== undefined && !ATTRIBUTE_NAME.test(value))
      throw invalidAttributeName(construct, field, value);
  }
  for (const [field, key] of [
    ['partitionKey', props.partitionKey],
    ['sortKey', props.sortKey],
  ] as const) {
    if (key?.type !== undefined && !['S', 'N', 'B'].includes(key.type))
      throw invalidKeyType(construct, field, key.type);
  }
  if (props.sortKey && props.sortKey.name === props.partitionKey.name)
    throw sortKeyIsPartitionKey(construct, props.sortKey.name);
  if (
    props.timeToLiveAttribute !== undefined &&
    [props.partitionKey.name, props.sortKey?.name].includes(props.timeToLiveAttribute)
  ) {
    throw timeToLiveOnKey(construct, props.timeToLiveAttribute);
  }
  if (props.throttleAlarm !== undefined && props.throttleAlarm !== false) {
    checkInteger(construct, 'throttleAlarm', props.throttleAlarm, 1, 1_000_000, 'throttle events per minute');
  }
}

/**
 * On-demand tables still throttle: traffic above twice the previous peak within 30 minutes, or a hot
 * partition. The SDK retries, so a throttle shows up as latency first, then as failed requests.
 */
function throttleAlarms(
  scope: Construct,
  tableName: string,
  topicArn: string,
  threshold: number | false,
): CloudwatchMetricAlarm[] {
  if (threshold === false) return [];
  return (['Read', 'Write'] as const).map((kind) =>
    metricAlarm(scope, `${kind.toLowerCase()}-throttles-alarm`, topicArn, {
      name: `${tableName}-${kind.toLowerCase()}-throttles`,
      description: `${tableName}: ${threshold}+ ${kind.toLowerCase()} requests throttled in a minute (hot partition or a sudden peak).`,
      namespace: 'AWS/DynamoDB',
      metricName: `${kind}ThrottleEvents`,
      dimensions: { TableName: tableName },
      statistic: 'Sum',
      threshold,
    }),
  );
}
