import { logger } from '@platform/logging';
import { buildDailyReport, type DailySalesReport } from './dailyReport';
import { dayBefore, type Day } from './days';
import type { SalesTally } from './sale';

export interface SavedReport {
  readonly report: DailySalesReport;
  readonly published: boolean;
}

/** The day's counters and the day's report (the sales table in production). */
export interface DailyReportStore {
  /** The partial tallies recorded for the day; none when nothing was sold. */
  tallies(day: Day): Promise<readonly SalesTally[]>;
  findReport(day: Day): Promise<SavedReport | undefined>;
  /** Saves the report unless one is saved for its day already; returns the one saved (the first wins). */
  saveReport(report: DailySalesReport): Promise<SavedReport>;
  markPublished(day: Day): Promise<void>;
}

export interface PublishDailyReportInput {
  /** When the run was scheduled: derive the period from it, not from the clock, so a retried run does the same work. */
  readonly scheduledAt: Date;
}

export interface PublishDailyReportDeps {
  readonly store: DailyReportStore;
  /** Sends the report to its readers; throws when it could not. */
  readonly publish: (report: DailySalesReport) => Promise<void>;
  readonly topSkuCount: number;
}

export interface PublishDailyReportResult {
  readonly date: Day;
  /** false when an earlier run published this day's report already. */
  readonly published: boolean;
  readonly report: DailySalesReport;
}

/**
 * Publishes the report of the day before the scheduled time, once per day however often it runs.
 *
 * The report is saved before it is sent, and marked published after: a run that failed in between
 * is retried with the saved report (the same message, whatever sales arrived since), and a run
 * after the mark publishes nothing. The one gap, a crash after sending and before marking, sends
 * the same report again; the queue drops that copy by its deduplication ID (the date).
 */
export async function publishDailyReport(
  input: PublishDailyReportInput,
  { store, publish, topSkuCount }: PublishDailyReportDeps,
): Promise<PublishDailyReportResult> {
  const date = dayBefore(input.scheduledAt);
  const saved =
    (await store.findReport(date)) ??
    (await store.saveReport(buildDailyReport(date, await store.tallies(date), topSkuCount)));
  if (saved.published) {
    logger.info('Daily report already published: nothing to do', { report_date: date });
    return { date, published: false, report: saved.report };
  }

  await publish(saved.report);
  await store.markPublished(date);
  logger.info('Daily report published', { report_date: date, orders: saved.report.orders });
  return { date, published: true, report: saved.report };
}
