import { publishDailyReport } from '../../src/domain/publish-daily-report';

describe('publishDailyReport', () => {
  it('works on the full hour before the scheduled time', async () => {
    await expect(publishDailyReport({ scheduledAt: new Date('2026-03-01T10:07:00Z') })).resolves.toEqual({
      periodStart: '2026-03-01T09:00:00.000Z',
      periodEnd: '2026-03-01T10:00:00.000Z',
    });
  });

  it('refuses an invalid time', async () => {
    await expect(publishDailyReport({ scheduledAt: new Date('not a date') })).rejects.toThrow(/scheduledAt/);
  });
});
