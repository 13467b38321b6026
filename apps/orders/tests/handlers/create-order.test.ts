import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as v from 'valibot';
import { resetSettings } from '@platform/settings';
import {
  apiGatewayV1Request,
  apiGatewayV2Request,
  captureLogs,
  createLambdaContext,
  type HttpTestRequest,
  type LogCapture,
} from '@platform/test-helpers';
import { enqueueOrder } from '../../src/adapters/queues';
import { OrderPlaced } from '../../src/domain/order';
import { handler } from '../../src/handlers/create-order';
import { DEFAULT_SETTINGS_FILE, writeSettingsFile } from '../support/settingsFile';

jest.mock('../../src/adapters/queues');
const enqueue = jest.mocked(enqueueOrder);

/** A real HTTP API (v2) event, routed as the stack routes it. */
const v2 = (request: HttpTestRequest): APIGatewayProxyEventV2 => {
  const event = apiGatewayV2Request(request);
  return {
    ...event,
    routeKey: 'POST /orders',
    rawPath: '/orders',
    requestContext: {
      ...event.requestContext,
      routeKey: 'POST /orders',
      http: { ...event.requestContext.http, path: '/orders' },
    },
  };
};
const body = (response: { body: string }) => JSON.parse(response.body);

const order = {
  customerId: 'c-42',
  lines: [
    { sku: 'MUG-1', quantity: 2 },
    { sku: 'TSHIRT-M-BLUE', quantity: 1 },
  ],
};

describe('Handler: create-order', () => {
  let logs: LogCapture;
  beforeEach(() => {
    resetSettings();
    enqueue.mockResolvedValue();
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('queues a valid order from an HTTP API (v2) request and answers 200 with its ID', async () => {
    const response = await handler(
      v2({ body: order, headers: { 'x-correlation-id': 'req-7f3a' } }),
      createLambdaContext(),
    );

    expect(response.statusCode).toBe(200);
    expect(response.headers['x-correlation-id']).toBe('req-7f3a');
    expect(body(response)).toEqual({
      status: 'success',
      message: 'Order received',
      data: { orderId: expect.stringMatching(/^ord_/), lines: 2, placedAt: expect.any(String) },
    });
    expect(enqueue).toHaveBeenCalledTimes(1);
    const message = enqueue.mock.calls[0]![0];
    expect(v.parse(OrderPlaced, message)).toEqual({
      type: 'order.placed',
      version: 1,
      orderId: body(response).data.orderId,
      customerId: 'c-42',
      placedAt: body(response).data.placedAt,
      lines: order.lines,
    });
    expect(logs.withMessage('Order received')).toEqual([
      expect.objectContaining({ correlation_id: 'req-7f3a', order_id: message.orderId, lines: 2 }),
    ]);
  });

  it('takes the same order from a REST API (v1) request, and a base64-encoded body', async () => {
    const rest = await handler(apiGatewayV1Request({ body: order }), createLambdaContext());
    const encoded = await handler(v2({ body: order, base64: true }), createLambdaContext());

    expect([rest.statusCode, encoded.statusCode]).toEqual([200, 200]);
    expect(enqueue.mock.calls.map(([m]) => m.lines)).toEqual([order.lines, order.lines]);
  });

  it.each([
    [
      'a body that is not JSON',
      { body: '{"customerId": "c-42", "lines": [' },
      'Request body is not valid JSON',
      undefined,
    ],
    ['no body', { body: null }, 'Request is invalid', [{ field: 'body', message: expect.any(String) }]],
    [
      'invalid fields',
      {
        body: {
          customerId: 'c-42',
          lines: [
            { sku: 'MUG-1', quantity: 0 },
            { sku: 'MUG-1', quantity: 1 },
          ],
        },
      },
      'Request is invalid',
      [
        { field: 'body.lines[0].quantity', message: 'Invalid value: Expected >=1 but received 0' },
        {
          field: 'body.lines[1].sku',
          message: 'duplicate of lines[0].sku; put the total quantity on one line',
        },
      ],
    ],
    [
      'more lines than the max-lines-per-order setting (3)',
      {
        body: {
          customerId: 'c-42',
          lines: ['A-01', 'B-02', 'C-03', 'D-04'].map((sku) => ({ sku, quantity: 1 })),
        },
      },
      'Request is invalid',
      [{ field: 'body.lines', message: 'at most 3 lines per order, got 4; split the order' }],
    ],
  ])('answers 400 to %s and queues nothing', async (_case, request, message, errors) => {
    const response = await handler(v2(request), createLambdaContext());

    expect(response.statusCode).toBe(400);
    expect(body(response)).toMatchObject({ status: 'badRequest', message });
    if (errors) expect(body(response).data.errors).toEqual(errors);
    expect(enqueue).not.toHaveBeenCalled();
  });

  it('answers 500 with the correlation ID when the order could not be queued', async () => {
    enqueue.mockRejectedValue(new Error('SQS messages not sent: ServiceUnavailable'));

    const response = await handler(
      v2({ body: order, headers: { 'x-correlation-id': 'req-9' } }),
      createLambdaContext(),
    );

    expect(response.statusCode).toBe(500);
    expect(body(response)).toEqual({
      status: 'error',
      message: 'Internal error. Quote correlation ID req-9 when reporting it.',
      data: { correlationId: 'req-9' },
    });
    expect(logs.lines.some((l) => l.level === 'ERROR' && l.correlation_id === 'req-9')).toBe(true);
  });

  it('answers 500 when its settings are invalid, naming the setting in the log', async () => {
    process.env.SETTINGS_FILE = writeSettingsFile({ 'max-lines-per-order': 'lots' });
    try {
      const response = await handler(v2({ body: order }), createLambdaContext());
      expect(response.statusCode).toBe(500);
      expect(JSON.stringify(logs.lines)).toMatch(/maxLinesPerOrder/);
      expect(enqueue).not.toHaveBeenCalled();
    } finally {
      process.env.SETTINGS_FILE = DEFAULT_SETTINGS_FILE;
    }
  });
});
