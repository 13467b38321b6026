// A real SQS-compatible server (fauxqs) for tests and local invokes, bound to 127.0.0.1 only.
// fauxqs's own startFauxqs() listens on 0.0.0.0; we build its app and listen on loopback ourselves.
// Queue URLs come out as http://sqs.<region>.127.0.0.1:<port>/...: the SQS client cannot use that host
// as an endpoint (it warns "Invalid URL") and keeps the explicit endpoint, which is what we want. The
// default host, sqs.<region>.localhost, would be used and does not resolve.
import { buildApp } from 'fauxqs';

/** @returns {Promise<{ endpoint: string, port: number, stop: () => Promise<void> }>} */
export async function startLocalSqs({ port = 0, region = 'eu-west-1' } = {}) {
  const app = buildApp({ logger: false, host: '127.0.0.1', defaultRegion: region });
  await app.listen({ port, host: '127.0.0.1' });
  const { port: actual } = app.server.address();
  return { endpoint: `http://127.0.0.1:${actual}`, port: actual, stop: () => app.close() };
}
