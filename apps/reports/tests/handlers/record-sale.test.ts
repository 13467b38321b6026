import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import {
  buildSqsEvent,
  captureLogs,
  createLambdaContext,
  eventBridgeEvent,
  sqsEvent,
  type LogCapture,
} from '@platform/test-helpers';
import { handler } from '../../src/handlers/record-sale';
import { MemorySales } from '../support/memorySales';
import { aSale } from '../support/sales';

// The DynamoDB implementation of the table runs against a real DynamoDB server in tests/integration.
let mockSales: MemorySales;
jest.mock('../../src/adapters/salesTable', () => ({ salesTable: () => mockSales }));

const context = createLambdaContext({ functionName: 'reports-test-record-sale' });
const failedIds = (result: { batchItemFailures: { itemIdentifier: string }[] }) =>
  result.batchItemFailures.map((f) => f.itemIdentifier).sort();

describe('record-sale handler (SQS)', () => {
  let logs: LogCapture;
  beforeEach(() => {
    mockSales = new MemorySales();
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it("counts a batch of sales in their days' totals", async () => {
    const event = buildSqsEvent([
      { body: aSale({ totalCents: 3000, lines: [{ sku: 'MUG-RED', quantity: 2 }] }) },
      { body: aSale({ totalCents: 1500, lines: [{ sku: 'CAP-01', quantity: 1 }] }) },
      { body: aSale({ occurredAt: '2026-03-02T00:00:00Z' }) },
    ]);
    await expect(handler(event, context)).resolves.toEqual({ batchItemFailures: [] });
    expect(mockSales.total('2026-03-01')).toEqual({
      orders: { EUR: 2 },
      revenueCents: { EUR: 4500 },
      units: { 'MUG-RED': 2, 'CAP-01': 1 },
    });
    expect(mockSales.total('2026-03-02').orders).toEqual({ EUR: 1 });
  });

  it('reports only the bad records, and counts the good ones: bad JSON, schema failures, an impossible date', async () => {
    const event = buildSqsEvent([
      { messageId: 'good', body: aSale() },
      { messageId: 'not-json', body: '{"eventId":' },
      { messageId: 'no-lines', body: { ...aSale(), lines: [] } },
      { messageId: 'cents-as-text', body: { ...aSale(), totalCents: '30.00' } },
      { messageId: 'feb-30', body: { ...aSale(), occurredAt: '2026-02-30T10:00:00Z' } },
      { messageId: 'rejected-order', body: { ...aSale(), type: 'order.rejected' } },
    ]);
    const result = await handler(event, context);
    expect(failedIds(result)).toEqual(['cents-as-text', 'feb-30', 'no-lines', 'not-json', 'rejected-order']);
    expect(mockSales.total('2026-03-01').orders).toEqual({ EUR: 1 });
  });

  it('counts a sale delivered twice, in one batch or two, once', async () => {
    const sale = aSale();
    const copy = { body: sale, receiveCount: 2 };
    await handler(buildSqsEvent([{ body: sale }, copy]), context);
    await expect(handler(buildSqsEvent([copy]), context)).resolves.toEqual({ batchItemFailures: [] });
    expect(mockSales.total('2026-03-01').orders).toEqual({ EUR: 1 });
    expect(logs.withMessage('Sale already recorded: not counted again')).toHaveLength(2);
  });

  it('fails only the record whose write failed, so that it alone is retried', async () => {
    const unlucky = aSale();
    const add = mockSales.add.bind(mockSales);
    jest.spyOn(mockSales, 'add').mockImplementation(async (day, eventId, tally) => {
      if (eventId === unlucky.eventId) throw new Error('ProvisionedThroughputExceededException');
      return add(day, eventId, tally);
    });
    const event = buildSqsEvent([
      { messageId: 'a', body: aSale() },
      { messageId: 'unlucky', body: unlucky },
    ]);
    expect(failedIds(await handler(event, context))).toEqual(['unlucky']);
    expect(mockSales.total('2026-03-01').orders).toEqual({ EUR: 1 });
  });

  it('logs each record under the correlation ID it was sent with', async () => {
    const sale = aSale();
    await handler(buildSqsEvent([{ body: sale, correlationId: 'corr-sale-1' }]), context);
    expect(logs.withMessage('Sale recorded')[0]).toMatchObject({
      correlation_id: 'corr-sale-1',
      event_id: sale.eventId,
      day: '2026-03-01',
    });
  });

  it('fails every record of a real SQS sample whose bodies are not sales, without crashing the batch', async () => {
    const event = sqsEvent('sqs-standard-batch.powertools-ts');
    const result = await handler(event, context);
    expect(failedIds(result)).toEqual(event.Records.map((r) => r.messageId).sort());
  });

  it('records the sample event of local invoke (events/record-sale.json)', async () => {
    const event = JSON.parse(
      readFileSync(join(__dirname, '../../events/record-sale.json'), 'utf8'),
    ) as SQSEvent;
    await expect(handler(event, context)).resolves.toEqual({ batchItemFailures: [] });
    expect(mockSales.days.size).toBeGreaterThan(0);
  });

  it('fails the invocation for an event that is not an SQS batch (a wiring mistake)', async () => {
    await expect(handler(eventBridgeEvent() as unknown as SQSEvent, context)).rejects.toThrow(/SQS/);
  });
});
