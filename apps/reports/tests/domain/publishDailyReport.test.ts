import { captureLogs, type LogCapture } from '@platform/test-helpers';
import type { DailySalesReport } from '../../src/domain/dailyReport';
import { publishDailyReport } from '../../src/domain/publishDailyReport';
import { recordSale } from '../../src/domain/recordSale';
import { MemorySales } from '../support/memorySales';
import { aSale } from '../support/sales';

const scheduledAt = new Date('2026-03-02T00:15:00Z');

async function setUp() {
  const store = new MemorySales();
  const sent: DailySalesReport[] = [];
  const publish = jest.fn(async (report: DailySalesReport) => {
    sent.push(report);
  });
  await recordSale(aSale({ totalCents: 3000, lines: [{ sku: 'MUG-RED', quantity: 2 }] }), store);
  await recordSale(aSale({ totalCents: 1000, lines: [{ sku: 'CAP-01', quantity: 1 }] }), store);
  // The day after: not in the report of 2026-03-01.
  await recordSale(aSale({ occurredAt: '2026-03-02T00:05:00Z' }), store);
  return { store, sent, publish, deps: { store, publish, topSkuCount: 5 } };
}

describe('publishDailyReport', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('publishes the report of the day before the scheduled time', async () => {
    const { sent, deps, store } = await setUp();
    const result = await publishDailyReport({ scheduledAt }, deps);
    expect(result).toMatchObject({ date: '2026-03-01', published: true });
    expect(sent).toEqual([
      {
        type: 'reports.daily-sales',
        version: 1,
        date: '2026-03-01',
        orders: 2,
        revenue: [{ currency: 'EUR', orders: 2, revenueCents: 4000, averageOrderValueCents: 2000 }],
        topSkus: [
          { sku: 'MUG-RED', units: 2 },
          { sku: 'CAP-01', units: 1 },
        ],
      },
    ]);
    expect(store.reports.get('2026-03-01')?.published).toBe(true);
  });

  it('publishes nothing when the same day is run again, even hours later', async () => {
    const { sent, deps } = await setUp();
    await publishDailyReport({ scheduledAt }, deps);
    const again = await publishDailyReport({ scheduledAt: new Date('2026-03-02T03:00:00Z') }, deps);
    expect(again).toMatchObject({ date: '2026-03-01', published: false });
    expect(sent).toHaveLength(1);
  });

  it('retries a failed send with the saved report, not one recomputed with later sales', async () => {
    const { sent, deps, publish, store } = await setUp();
    publish.mockRejectedValueOnce(new Error('SQS unavailable'));
    await expect(publishDailyReport({ scheduledAt }, deps)).rejects.toThrow('SQS unavailable');
    expect(store.reports.get('2026-03-01')?.published).toBe(false);

    await recordSale(aSale({ occurredAt: '2026-03-01T23:59:00Z' }), store); // arrived late
    await publishDailyReport({ scheduledAt }, deps);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.orders).toBe(2);
  });

  it('sends the same report again when the previous run failed after sending it (the queue drops the copy)', async () => {
    const { sent, deps, store } = await setUp();
    jest.spyOn(store, 'markPublished').mockRejectedValueOnce(new Error('DynamoDB unavailable'));
    await expect(publishDailyReport({ scheduledAt }, deps)).rejects.toThrow('DynamoDB unavailable');
    await publishDailyReport({ scheduledAt }, deps);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
  });

  it('publishes a report of zeros for a day without sales', async () => {
    const { sent, deps } = await setUp();
    await publishDailyReport({ scheduledAt: new Date('2026-02-20T00:15:00Z') }, deps);
    expect(sent).toEqual([
      expect.objectContaining({ date: '2026-02-19', orders: 0, revenue: [], topSkus: [] }),
    ]);
  });

  it('lists as many top SKUs as the setting says', async () => {
    const { sent, deps } = await setUp();
    await publishDailyReport({ scheduledAt }, { ...deps, topSkuCount: 1 });
    expect(sent[0]?.topSkus).toEqual([{ sku: 'MUG-RED', units: 2 }]);
  });
});
