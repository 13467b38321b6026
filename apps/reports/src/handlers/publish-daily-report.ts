import { scheduleHandler } from '@platform/lambda';
import { getSettings } from '@platform/settings';
import { publishReport } from '../adapters/dailyReportsQueue';
import { salesTable } from '../adapters/salesTable';
import { publishDailyReport } from '../domain/publishDailyReport';
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
