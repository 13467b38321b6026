// Starts a real SQS server (fauxqs, ESM-only) for tests/integration, bound to 127.0.0.1 only:
// fauxqs's startFauxqs() listens on 0.0.0.0, so build its app and listen on loopback here.
import { buildApp } from 'fauxqs';

export default async function globalSetup() {
  const app = buildApp({ logger: false, host: '127.0.0.1', defaultRegion: 'eu-west-1' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();
  // Workers start after global setup and inherit this environment.
  process.env.LAMBDA_IT_SQS_ENDPOINT = `http://127.0.0.1:${port}`;
  globalThis.__lambdaFauxqs = app;
}
