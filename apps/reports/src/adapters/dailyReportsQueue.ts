import { sendMessages } from '@platform/queue';
import type { DailySalesReport } from '../domain/dailyReport';
import { requireEnv } from './env';

/** One message group: readers get the reports in the order of their days. */
export const REPORT_GROUP = 'daily-sales';

/**
 * Sends a report to the daily-reports FIFO queue (DAILY_REPORTS_QUEUE_URL). The deduplication ID is
 * the date, so a copy of the same day's report sent within 5 minutes (a retry after a crash between
 * sending and marking it published) is dropped by SQS. Throws if SQS did not take it.
 */
export async function publishReport(report: DailySalesReport): Promise<void> {
  await sendMessages(
    requireEnv('DAILY_REPORTS_QUEUE_URL'),
    [
      {
        id: report.date,
        body: report,
        groupId: REPORT_GROUP,
        deduplicationId: `${report.type}-${report.date}`,
        attributes: { type: report.type },
      },
    ],
    { throwOnFailure: true },
  );
}
