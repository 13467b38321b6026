import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the pricing API of these tests sells. */
export const PRICE_LIST = {
  currency: 'EUR',
  prices: [
    { sku: 'MUG-1', unitPriceCents: 1250 },
    { sku: 'TSHIRT-M-BLUE', unitPriceCents: 1999 },
    { sku: 'STICKER-9', unitPriceCents: 150 },
  ],
};

export interface PricingStub {
  /** Base URL, e.g. http://127.0.0.1:50123/v1 */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
  /** The next answers: status and JSON (or raw text) body. */
  respondWith(status: number, body: unknown): void;
  stop(): Promise<void>;
}

/** A pricing API on 127.0.0.1 that answers `GET /v1/price-list` with PRICE_LIST (or what it is told). */
export async function startPricingStub(): Promise<PricingStub> {
  const requests: PricingStub['requests'] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: PRICE_LIST };
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const found = req.method === 'GET' && req.url === '/v1/price-list';
    const { status, body } = found ? answer : { status: 404, body: { message: 'Not found' } };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    respondWith: (status, body) => {
      answer = { status, body };
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
