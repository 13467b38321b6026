import { scheduleHandler } from '@platform/lambda';
import { getSettings } from '@platform/settings';
import { publishReport } from '../adapters/daily-reports-queue';
import { salesTable } from '../adapters/sales-table';
import { publishDailyReport } from '../domain/publish-daily-report';
import { logSettings } from '../logSettings';
import { settings } from '../settings';

// AWS glue only: the domain gets the scheduled time. An error is rethrown, so Lambda retries the
// run and then sends it to the function's dead-letter queue.
export const handler = scheduleHandler({
  handle: async ({ time }) => {
    const { topSkuCount } = await getSettings(settings);
    return publishDailyReport(
      { scheduledAt: time },
      { store: salesTable(), publish: publishReport, topSkuCount },
    );
  },
  logSettings,
});
