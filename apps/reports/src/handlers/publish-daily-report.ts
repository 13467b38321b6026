import { scheduleHandler } from '@platform/lambda';
import { publishDailyReport } from '../domain/publish-daily-report';
import { logSettings } from '../logSettings';

// AWS glue only: the domain gets the scheduled time. An error is rethrown, so Lambda retries the
// run and then sends it to the function's dead-letter queue.
export const handler = scheduleHandler({
  handle: ({ time }) => publishDailyReport({ scheduledAt: time }),
  logSettings,
});
