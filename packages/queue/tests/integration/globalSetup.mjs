// Starts fauxqs, an SQS-compatible server, on 127.0.0.1 for the integration tests, and hands them
// its endpoint through the environment. startFauxqs() listens on 0.0.0.0, so the app is built and
// bound to loopback here instead.
// `host` shapes fauxqs's queue URLs (http://sqs.<region>.<host>:PORT/...; its default host is
// "localhost"). With 127.0.0.1 the SDK cannot take that URL's host as an endpoint, so requests
// always go to the configured endpoint; with "localhost" the SDK would try sqs.<region>.localhost.
import { buildApp } from 'fauxqs';

export default async function globalSetup() {
  const app = buildApp({ logger: false, host: '127.0.0.1', defaultRegion: 'eu-west-1' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();
  globalThis.__FAUXQS__ = app;
  process.env.QUEUE_TEST_SQS_ENDPOINT = `http://127.0.0.1:${port}`;
}
