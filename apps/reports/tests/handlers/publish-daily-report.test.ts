import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBridgeEvent } from 'aws-lambda';
import { resetSettings } from '@platform/settings';
import {
  buildSqsEvent,
  captureLogs,
  createLambdaContext,
  eventBridgeEvent,
  type LogCapture,
} from '@platform/test-helpers';
import { publishReport } from '../../src/adapters/dailyReportsQueue';
import { recordSale } from '../../src/domain/recordSale';
import { handler } from '../../src/handlers/publish-daily-report';
import { MemorySales } from '../support/memorySales';
import { aSale } from '../support/sales';

// The DynamoDB table and the SQS queue are exercised against real local servers in tests/integration.
let mockSales: MemorySales;
jest.mock('../../src/adapters/salesTable', () => ({ salesTable: () => mockSales }));
jest.mock('../../src/adapters/dailyReportsQueue');
const publish = jest.mocked(publishReport);

const context = createLambdaContext({ functionName: 'reports-test-publish-daily-report' });

/** What EventBridge Scheduler sends a Lambda target when the schedule has no input: note `detail` is a string. */
function schedulerEvent(time: string): EventBridgeEvent<string, unknown> {
  return {
    ...eventBridgeEvent(),
    source: 'aws.scheduler',
    time,
    region: 'eu-west-1',
    resources: [
      'arn:aws:scheduler:eu-west-1:444444444444:schedule/default/reports-dev-publish-daily-report-schedule',
    ],
    detail: '{}',
  };
}

describe('publish-daily-report handler (EventBridge Scheduler)', () => {
  let logs: LogCapture;
  beforeEach(async () => {
    logs = captureLogs();
    mockSales = new MemorySales();
    await recordSale(aSale({ totalCents: 3000, lines: [{ sku: 'MUG-RED', quantity: 2 }] }), mockSales);
    await recordSale(aSale({ totalCents: 1000, lines: [{ sku: 'CAP-01', quantity: 1 }] }), mockSales);
    publish.mockResolvedValue();
  });
  afterEach(() => logs.restore());

  it("publishes the report of the day before the schedule's time", async () => {
    const response = await handler(schedulerEvent('2026-03-02T00:15:00Z'), context);
    expect(response).toMatchObject({ status: 'success', data: { date: '2026-03-01', published: true } });
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish.mock.calls[0]?.[0]).toEqual({
      type: 'reports.daily-sales',
      version: 1,
      date: '2026-03-01',
      orders: 2,
      revenue: [{ currency: 'EUR', orders: 2, revenueCents: 4000, averageOrderValueCents: 2000 }],
      topSkus: [
        { sku: 'MUG-RED', units: 2 },
        { sku: 'CAP-01', units: 1 },
      ],
    });
  });

  it('publishes nothing new when the same scheduled event is delivered again', async () => {
    await handler(schedulerEvent('2026-03-02T00:15:00Z'), context);
    const again = await handler(schedulerEvent('2026-03-02T00:15:00Z'), context);
    expect(again).toMatchObject({ status: 'success', data: { date: '2026-03-01', published: false } });
    expect(publish).toHaveBeenCalledTimes(1);
  });

  it('takes the day from the real EventBridge scheduled-event sample: a day without sales is a report of zeros', async () => {
    const response = await handler(eventBridgeEvent('eventbridge-scheduled.lambda-docs'), context);
    expect(response).toMatchObject({ status: 'success', data: { date: '2019-02-28', published: true } });
    expect(publish.mock.calls[0]?.[0]).toMatchObject({
      date: '2019-02-28',
      orders: 0,
      revenue: [],
      topSkus: [],
    });
  });

  it('runs the sample event of local invoke (events/publish-daily-report.json)', async () => {
    const event = JSON.parse(readFileSync(join(__dirname, '../../events/publish-daily-report.json'), 'utf8'));
    await expect(handler(event, context)).resolves.toMatchObject({ status: 'success' });
  });

  it('lists as many top SKUs as the top-sku-count setting says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reports-settings-'));
    const previous = process.env.SETTINGS_FILE;
    try {
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({ 'top-sku-count': '1' }));
      process.env.SETTINGS_FILE = join(dir, 'settings.json');
      resetSettings();
      await handler(schedulerEvent('2026-03-02T00:15:00Z'), context);
      expect(publish.mock.calls[0]?.[0].topSkus).toEqual([{ sku: 'MUG-RED', units: 2 }]);
    } finally {
      process.env.SETTINGS_FILE = previous;
      resetSettings();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the run when the report could not be sent, so that Lambda retries it, and leaves it unpublished', async () => {
    publish.mockRejectedValueOnce(new Error('SQS unavailable'));
    await expect(handler(schedulerEvent('2026-03-02T00:15:00Z'), context)).rejects.toThrow('SQS unavailable');
    expect(logs.withMessage('Scheduled invocation failed')).toHaveLength(1);
    expect(mockSales.reports.get('2026-03-01')?.published).toBe(false);

    await handler(schedulerEvent('2026-03-02T00:15:00Z'), context);
    expect(publish).toHaveBeenCalledTimes(2);
    expect(mockSales.reports.get('2026-03-01')?.published).toBe(true);
  });

  it.each([
    ['a time that is not a date', { ...schedulerEvent('2026-03-02T00:15:00Z'), time: 'not a date' }],
    ['an event without a time', { ...schedulerEvent('2026-03-02T00:15:00Z'), time: undefined }],
    ['an SQS batch (a wiring mistake)', buildSqsEvent([{ body: {} }])],
    ['no event at all', null],
  ])('fails the run for %s, publishing nothing', async (_, event) => {
    await expect(handler(event as unknown as EventBridgeEvent<string, unknown>, context)).rejects.toThrow();
    expect(publish).not.toHaveBeenCalled();
    expect(logs.lines.some((line) => line.level === 'ERROR')).toBe(true);
  });
});
