// A real SQS server (fauxqs) on 127.0.0.1 for tests/integration, the one tools/invoke and npm run dev use.
import { startLocalSqs } from '@platform/local-servers';

export default async function globalSetup() {
  const sqs = await startLocalSqs();
  globalThis.__FAUXQS__ = sqs;
  process.env.QUEUE_TEST_SQS_ENDPOINT = sqs.endpoint;
}
