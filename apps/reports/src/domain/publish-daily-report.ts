import { logger } from '@platform/logging';

export interface PublishDailyReportInput {
  /** When the run was scheduled: derive the period from it, not from the clock, so a retried run does the same work. */
  readonly scheduledAt: Date;
}

export interface PublishDailyReportResult {
  readonly periodStart: string;
  readonly periodEnd: string;
}

/** Replace with the real job. Here: the hour before the scheduled time is the period to work on. */
export async function publishDailyReport(input: PublishDailyReportInput): Promise<PublishDailyReportResult> {
  if (Number.isNaN(input.scheduledAt.getTime())) throw new Error('scheduledAt is not a valid date');
  const end = new Date(input.scheduledAt);
  end.setUTCMinutes(0, 0, 0);
  const start = new Date(end.getTime() - 60 * 60 * 1000);
  const result = { periodStart: start.toISOString(), periodEnd: end.toISOString() };
  logger.info('Job run', result);
  return result;
}
