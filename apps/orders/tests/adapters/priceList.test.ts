import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pricingApi, PricingUnavailableError } from '../../src/adapters/priceList';
import { startPricingStub, type PricingStub } from '../support/pricingStub';

describe('Function: pricingApi', () => {
  let stub: PricingStub;
  beforeAll(async () => {
    stub = await startPricingStub();
  });
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    stub.respondWith(200, {
      currency: 'EUR',
      prices: [
        { sku: 'MUG-1', unitPriceCents: 1250 },
        { sku: 'CAP-2', unitPriceCents: 900 },
      ],
    });
  });

  const load = () => pricingApi({ baseUrl: `${stub.url}/`, apiKey: async () => 'k-123' })();

  it('loads the price list with the API key in its header', async () => {
    const priceList = await load();

    expect(priceList.currency).toBe('EUR');
    expect([...priceList.unitPrices]).toEqual([
      ['MUG-1', 1250],
      ['CAP-2', 900],
    ]);
    expect(stub.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v1/price-list',
        headers: expect.objectContaining({ 'x-api-key': 'k-123', accept: 'application/json' }),
      }),
    ]);
  });

  it('reports an error status without the API key in the message', async () => {
    stub.respondWith(503, { message: 'maintenance' });

    const loading = load();

    await expect(loading).rejects.toThrow(PricingUnavailableError);
    await expect(loading).rejects.toThrow(
      /^Pricing API answered 503 for GET http:\/\/127\.0\.0\.1:\d+\/v1\/price-list$/,
    );
  });

  it.each([
    [
      'not JSON',
      '<html>oops</html>',
      /^Pricing API sent a price list that is not JSON \(GET http:\/\/127\.0\.0\.1:\d+\/v1\/price-list\)$/,
    ],
    [
      'a negative price and a bad SKU',
      {
        currency: 'EUR',
        prices: [
          { sku: 'MUG-1', unitPriceCents: -5 },
          { sku: 'bad', unitPriceCents: 1 },
        ],
      },
      /unexpected price list: prices\.0\.unitPriceCents: Invalid value: Expected >=0 but received -5; prices\.1\.sku: a SKU such as/,
    ],
  ])('rejects a price list that is %s', async (_case, body, message) => {
    stub.respondWith(200, body);
    await expect(load()).rejects.toThrow(message);
  });

  it('fails, instead of waiting, when the API accepts the request and never answers', async () => {
    // Prepare: a server on 127.0.0.1 that reads the request and never writes a byte back.
    const received: string[] = [];
    const hanging: Server = createServer((req) => received.push(`${req.method} ${req.url}`));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    try {
      const load = pricingApi({
        baseUrl: `http://127.0.0.1:${port}/v1`,
        apiKey: async () => 'k',
        timeoutMs: 200,
      });

      // Act: without the timeout this would wait until Jest's own 5 s timeout fails the test.
      const error = await load().catch((e: unknown) => e);

      // Assess
      expect(received).toEqual(['GET /v1/price-list']);
      expect(error).toBeInstanceOf(PricingUnavailableError);
      expect((error as Error).message).toBe(
        `Pricing API unreachable at http://127.0.0.1:${port}/v1/price-list: The operation was aborted due to timeout`,
      );
      expect(((error as Error).cause as Error).name).toBe('TimeoutError');
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });

  it('reports an unreachable API', async () => {
    const unreachable = pricingApi({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: async () => 'k' });
    await expect(unreachable()).rejects.toThrow(
      /^Pricing API unreachable at http:\/\/127\.0\.0\.1:9\/v1\/price-list/,
    );
  });
});
