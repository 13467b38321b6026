import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import type { DailySalesReport } from '../domain/dailyReport';
import { startOfDay, type Day } from '../domain/days';
import type { DailyReportStore, SavedReport } from '../domain/publishDailyReport';
import type { SalesLedger } from '../domain/recordSale';
import type { SalesTally } from '../domain/sale';
import { SALES_TABLE_KEYS } from '../salesTableKeys';
import { requireEnv } from './env';

const { partitionKey: DAY, sortKey: ITEM, timeToLiveAttribute: EXPIRES_AT } = SALES_TABLE_KEYS;

/**
 * Each event ID is kept in the item whose counters it was added to: the conditional update that
 * adds it is the deduplication. An item holds at most 400 KB (an ID takes ~50 bytes, plus the SKU
 * counters), so a day's counters are split over 16 items by a hash of the event ID: room for about
 * 100,000 orders a day. The same event always lands in the same item, so a copy is always caught.
 */
export const SHARDS = 16;

/** Items expire 90 days after their day: far beyond any copy of an event (4 days queued + 14 in the DLQ) or rerun. */
export const RETENTION_DAYS = 90;

const SALES_PREFIX = 'sales#';
const REPORT_ITEM = 'report';
// Counter attribute names: `orders:EUR`, `revenueCents:EUR`, `units:TSHIRT-M-BLUE`.
const COUNTERS = ['orders', 'revenueCents', 'units'] as const satisfies readonly (keyof SalesTally)[];

export interface SalesTableOptions {
  readonly tableName: string;
  /** @default a client for the region and endpoint of the environment */
  readonly client?: DynamoDBDocumentClient;
}

/**
 * The sales table (stacks/reports): partition key `day` (a UTC day), sort key `item`:
 * `sales#00`…`sales#15` hold the day's counters and the IDs counted in each; `report` holds the
 * day's report and whether it was published.
 */
export class SalesTable implements SalesLedger, DailyReportStore {
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;

  constructor(options: SalesTableOptions) {
    this.tableName = options.tableName;
    this.client = options.client ?? DynamoDBDocumentClient.from(new DynamoDBClient({}));
  }

  async add(day: Day, eventId: string, tally: SalesTally): Promise<boolean> {
    const names: Record<string, string> = { '#expiresAt': EXPIRES_AT };
    const values: Record<string, unknown> = {
      ':eventIds': new Set([eventId]),
      ':eventId': eventId,
      ':expiresAt': expiresAt(day),
    };
    const adds = ['eventIds :eventIds'];
    const counters = COUNTERS.flatMap((counter) =>
      Object.entries(tally[counter]).map(([key, n]) => [`${counter}:${key}`, n] as const),
    );
    for (const [i, [attribute, n]] of counters.entries()) {
      names[`#c${i}`] = attribute;
      values[`:c${i}`] = n;
      adds.push(`#c${i} :c${i}`);
    }
    try {
      // ADD is atomic: concurrent sales of one day never lose an increment.
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [DAY]: day, [ITEM]: shardOf(eventId) },
          UpdateExpression: `SET #expiresAt = :expiresAt ADD ${adds.join(', ')}`,
          ConditionExpression: 'NOT contains(eventIds, :eventId)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async tallies(day: Day): Promise<readonly SalesTally[]> {
    const tallies: SalesTally[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: '#day = :day AND begins_with(#item, :prefix)',
        ExpressionAttributeNames: { '#day': DAY, '#item': ITEM },
        ExpressionAttributeValues: { ':day': day, ':prefix': SALES_PREFIX },
        // A sale counted just before the run must be in the report.
        ConsistentRead: true,
      },
    );
    for await (const page of pages) tallies.push(...(page.Items ?? []).map(tallyOf));
    return tallies;
  }

  async findReport(day: Day): Promise<SavedReport | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [DAY]: day, [ITEM]: REPORT_ITEM },
        ConsistentRead: true,
      }),
    );
    return Item ? { report: Item.report as DailySalesReport, published: Item.published === true } : undefined;
  }

  async saveReport(report: DailySalesReport): Promise<SavedReport> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [DAY]: report.date,
            [ITEM]: REPORT_ITEM,
            [EXPIRES_AT]: expiresAt(report.date),
            report,
            published: false,
          },
          ConditionExpression: 'attribute_not_exists(#day)',
          ExpressionAttributeNames: { '#day': DAY },
        }),
      );
      return { report, published: false };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // A concurrent run saved its report first: that one is the day's report.
      const saved = await this.findReport(report.date);
      if (!saved) throw new Error(`Report of ${report.date} exists and cannot be read`, { cause: error });
      return saved;
    }
  }

  async markPublished(day: Day): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { [DAY]: day, [ITEM]: REPORT_ITEM },
        UpdateExpression: 'SET published = :true',
        ConditionExpression: 'attribute_exists(#day)',
        ExpressionAttributeNames: { '#day': DAY },
        ExpressionAttributeValues: { ':true': true },
      }),
    );
  }
}

let shared: SalesTable | undefined;

/** The container's sales table (TABLE_NAME), created on first use. */
export function salesTable(): SalesTable {
  shared ??= new SalesTable({ tableName: requireEnv('TABLE_NAME') });
  return shared;
}

function shardOf(eventId: string): string {
  const shard = createHash('sha256').update(eventId).digest()[0]! % SHARDS;
  return `${SALES_PREFIX}${String(shard).padStart(2, '0')}`;
}

function expiresAt(day: Day): number {
  return Math.floor(startOfDay(day).getTime() / 1000) + RETENTION_DAYS * 24 * 3600;
}

function tallyOf(item: Record<string, unknown>): SalesTally {
  const tally = { orders: {}, revenueCents: {}, units: {} } as Record<
    keyof SalesTally,
    Record<string, number>
  >;
  for (const [attribute, value] of Object.entries(item)) {
    const colon = attribute.indexOf(':');
    const counter = attribute.slice(0, colon) as keyof SalesTally;
    if (colon > 0 && COUNTERS.includes(counter) && typeof value === 'number') {
      tally[counter][attribute.slice(colon + 1)] = value;
    }
  }
  return tally;
}

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'ConditionalCheckFailedException';
}
