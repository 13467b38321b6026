import type { SQSEvent } from 'aws-lambda';
import { resetSettings } from '@platform/settings';
import {
  buildSqsEvent,
  captureLogs,
  createLambdaContext,
  sqsEvent,
  type LogCapture,
} from '@platform/test-helpers';
import { registerLambdaContext } from '../../src/adapters/idempotency';
import { getPriceList } from '../../src/adapters/priceList';
import { publishOrderEvent } from '../../src/adapters/queues';
import type { OrderEvent } from '../../src/domain/events';
import type { OrderPlaced } from '../../src/domain/order';
import { handler } from '../../src/handlers/process-orders';
import { startPricingStub, type PricingStub } from '../support/pricingStub';
import { PRICING_API_KEY } from '../support/settingsFile';

jest.mock('../../src/adapters/queues');
// Idempotency on DynamoDB is exercised against a real DynamoDB server in tests/integration.
jest.mock('../../src/adapters/idempotency', () => ({
  oncePerOrder: <T>(work: T) => work,
  registerLambdaContext: jest.fn(),
}));
const publish = jest.mocked(publishOrderEvent);

const placed = (n: number, lines = [{ sku: 'MUG-1', quantity: 2 }]): OrderPlaced => ({
  type: 'order.placed',
  version: 1,
  orderId: `ord_00000000${n}`,
  customerId: 'c-42',
  placedAt: '2026-03-01T10:15:00.000Z',
  lines,
});
const failedIds = (response: { batchItemFailures: { itemIdentifier: string }[] }) =>
  response.batchItemFailures.map((f) => f.itemIdentifier);
const published = () => publish.mock.calls.map(([event]) => event);

describe('Handler: process-orders', () => {
  let pricing: PricingStub;
  let logs: LogCapture;
  beforeAll(async () => {
    pricing = await startPricingStub();
    process.env.PRICING_API_URL = pricing.url;
  });
  afterAll(() => pricing.stop());
  beforeEach(() => {
    resetSettings();
    getPriceList.clear();
    pricing.requests.length = 0;
    pricing.respondWith(200, {
      currency: 'EUR',
      prices: [
        { sku: 'MUG-1', unitPriceCents: 1250 },
        { sku: 'TSHIRT-M-BLUE', unitPriceCents: 1999 },
      ],
    });
    publish.mockResolvedValue();
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('accepts every order of a batch, each under its own correlation ID', async () => {
    const event = buildSqsEvent(
      [1, 2, 3].map((n) => ({ messageId: `m-${n}`, body: placed(n), correlationId: `corr-${n}` })),
    );

    const response = await handler(event, createLambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(published().map((e) => [e.type, e.orderId])).toEqual([
      ['order.accepted', 'ord_000000001'],
      ['order.accepted', 'ord_000000002'],
      ['order.accepted', 'ord_000000003'],
    ]);
    expect(published()[0]).toMatchObject({
      subtotalCents: 2500,
      taxRatePercent: 20,
      taxCents: 500,
      totalCents: 3000,
    });
    const accepted = logs.withMessage('Order accepted');
    expect(accepted.map((l) => [l.order_id, l.correlation_id, l.message_id]).sort()).toEqual([
      ['ord_000000001', 'corr-1', 'm-1'],
      ['ord_000000002', 'corr-2', 'm-2'],
      ['ord_000000003', 'corr-3', 'm-3'],
    ]);
  });

  it('fails only the malformed, invalid and throwing records of a batch', async () => {
    publish.mockImplementation(async (e: OrderEvent) => {
      if (e.orderId === 'ord_000000004') throw new Error('SQS messages not sent: KMS.ThrottlingException');
    });
    const event = buildSqsEvent([
      { messageId: 'good', body: placed(1) },
      { messageId: 'not-json', body: '{"type":"order.placed",' },
      { messageId: 'no-lines', body: { ...placed(3), lines: [] } },
      { messageId: 'wrong-type', body: { ...placed(5), type: 'order.cancelled' } },
      { messageId: 'publish-fails', body: placed(4) },
      { messageId: 'good-too', body: placed(6) },
    ]);

    const response = await handler(event, createLambdaContext());

    expect(failedIds(response).sort()).toEqual(['no-lines', 'not-json', 'publish-fails', 'wrong-type']);
    expect(published().map((e) => e.orderId)).toEqual(['ord_000000001', 'ord_000000004', 'ord_000000006']);
    expect(logs.lines.find((l) => l.message_id === 'not-json')).toMatchObject({
      level: 'WARN',
      message: 'Message rejected: Message body is not valid JSON',
    });
    expect(logs.lines.find((l) => l.message_id === 'publish-fails' && l.level === 'ERROR')).toMatchObject({
      message: 'Message processing failed',
    });
  });

  it('rejects an order of unknown products as a business outcome, not a failed record', async () => {
    const event = buildSqsEvent([
      { messageId: 'm-1', body: placed(1, [{ sku: 'DISCONTINUED-7', quantity: 1 }]) },
    ]);

    const response = await handler(event, createLambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(published()).toEqual([
      expect.objectContaining({ type: 'order.rejected', orderId: 'ord_000000001', skus: ['DISCONTINUED-7'] }),
    ]);
  });

  it('fails every record of a real sample batch of other messages, without throwing', async () => {
    const event = sqsEvent('sqs-standard-batch.sam-rendered');

    const response = await handler(event, createLambdaContext());

    expect(failedIds(response).sort()).toEqual(event.Records.map((r) => r.messageId).sort());
    expect(publish).not.toHaveBeenCalled();
  });

  it('fails the records for a later retry while the pricing API is down', async () => {
    pricing.respondWith(503, { message: 'maintenance' });
    const event = buildSqsEvent([
      { messageId: 'm-1', body: placed(1) },
      { messageId: 'm-2', body: placed(2) },
    ]);

    const response = await handler(event, createLambdaContext());

    expect(failedIds(response).sort()).toEqual(['m-1', 'm-2']);
    expect(publish).not.toHaveBeenCalled();
    // The records of a batch share one pricing call (single-flight), even when it fails.
    expect(pricing.requests).toHaveLength(1);
  });

  it('loads the price list once across warm invocations, with the API key from the settings, never logged', async () => {
    const context = createLambdaContext();
    await handler(buildSqsEvent([{ body: placed(1) }, { body: placed(2) }]), context);
    await handler(buildSqsEvent([{ body: placed(3) }]), context);

    expect(pricing.requests).toHaveLength(1);
    expect(pricing.requests[0]!.headers['x-api-key']).toBe(PRICING_API_KEY);
    expect(published()).toHaveLength(3);
    expect(JSON.stringify(logs.lines) + logs.other.join('\n')).not.toContain(PRICING_API_KEY);
  });

  it('hands the Lambda context to the idempotency layer on every invocation', async () => {
    const context = createLambdaContext();
    await handler(buildSqsEvent([{ body: placed(1) }]), context);
    expect(registerLambdaContext).toHaveBeenCalledWith(context);
  });

  it('fails the whole invocation for an event that is not an SQS batch (a wiring mistake)', async () => {
    await expect(
      handler({ Records: [{ eventSource: 'aws:sns' }] } as unknown as SQSEvent, createLambdaContext()),
    ).rejects.toThrow(/record 0 has eventSource aws:sns/);
  });
});
