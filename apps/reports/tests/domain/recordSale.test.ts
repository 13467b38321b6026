import { captureLogs, type LogCapture } from '@platform/test-helpers';
import { recordSale } from '../../src/domain/recordSale';
import { MemorySales } from '../support/memorySales';
import { aSale } from '../support/sales';

describe('recordSale', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it("adds a sale to its UTC day's counters", async () => {
    const ledger = new MemorySales();
    const sale = aSale({ occurredAt: '2026-03-01T23:59:59.999Z', totalCents: 2500 });
    await expect(recordSale(sale, ledger)).resolves.toEqual({
      eventId: sale.eventId,
      day: '2026-03-01',
      counted: true,
    });
    expect(ledger.total('2026-03-01')).toEqual({
      orders: { EUR: 1 },
      revenueCents: { EUR: 2500 },
      units: { 'MUG-RED': 2 },
    });
  });

  it('counts a sale delivered twice once', async () => {
    const ledger = new MemorySales();
    const sale = aSale();
    await recordSale(sale, ledger);
    await expect(recordSale({ ...sale }, ledger)).resolves.toMatchObject({ counted: false });
    expect(ledger.total('2026-03-01').orders).toEqual({ EUR: 1 });
    expect(logs.withMessage('Sale already recorded: not counted again')[0]).toMatchObject({
      event_id: sale.eventId,
      day: '2026-03-01',
    });
  });

  it('puts a sale just after midnight UTC on the next day', async () => {
    const ledger = new MemorySales();
    await recordSale(aSale({ occurredAt: '2026-03-02T00:00:00Z' }), ledger);
    expect(ledger.total('2026-03-01').orders).toEqual({});
    expect(ledger.total('2026-03-02').orders).toEqual({ EUR: 1 });
  });

  it('lets a failed write fail the sale, so that it is retried', async () => {
    const ledger = new MemorySales();
    jest.spyOn(ledger, 'add').mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
    await expect(recordSale(aSale(), ledger)).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
