import { logger } from '@platform/logging';
import type { Day } from './days';
import { tallySale, type Sale, type SalesTally } from './sale';

/** Where sales are counted (the sales table in production). */
export interface SalesLedger {
  /**
   * Adds `tally` to the day's counters unless the event was counted already, in one atomic step.
   * @returns false when `eventId` was counted before (nothing changed).
   */
  add(day: Day, eventId: string, tally: SalesTally): Promise<boolean>;
}

export interface RecordSaleResult {
  readonly eventId: string;
  readonly day: Day;
  /** false for a copy of an event already counted (SQS delivers at least once). */
  readonly counted: boolean;
}

/** Counts a sale in its UTC day's totals, once per event ID however often it is delivered. */
export async function recordSale(sale: Sale, ledger: SalesLedger): Promise<RecordSaleResult> {
  const { day, tally } = tallySale(sale);
  const counted = await ledger.add(day, sale.eventId, tally);
  const keys = { event_id: sale.eventId, order_id: sale.orderId, day };
  if (counted) logger.info('Sale recorded', keys);
  else logger.info('Sale already recorded: not counted again', keys);
  return { eventId: sale.eventId, day, counted };
}
