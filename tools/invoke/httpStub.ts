import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Canned answers by `"<METHOD> <path>"` (query string ignored), e.g.
 * `{ "GET /price-list": { "status": 200, "body": { "currency": "EUR", "prices": [] } } }`.
 */
export type StubRoutes = Record<string, { readonly status?: number; readonly body?: unknown }>;

export interface StubRequest {
  readonly method: string;
  readonly path: string;
  /** Header names only: values may be secrets (API keys) and are never printed. */
  readonly headers: string[];
}

export interface HttpStub {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: StubRequest[];
  stop(): Promise<void>;
}

/** A downstream HTTP API stand-in on 127.0.0.1: answers from `routes`, 404 for anything else. */
export async function startHttpStub(routes: StubRoutes): Promise<HttpStub> {
  const requests: StubRequest[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    requests.push({ method, path, headers: Object.keys(req.headers).sort() });
    const route = routes[`${method} ${path}`];
    const status = route ? (route.status ?? 200) : 404;
    const body = route ? route.body : { message: `No stub for ${method} ${path}` };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
