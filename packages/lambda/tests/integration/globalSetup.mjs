// A real SQS server (fauxqs) on 127.0.0.1 for tests/integration, the one tools/invoke and npm run dev use.
import { startLocalSqs } from '@platform/local-servers';

export default async function globalSetup() {
  const sqs = await startLocalSqs();
  // Workers start after global setup and inherit this environment.
  process.env.LAMBDA_IT_SQS_ENDPOINT = sqs.endpoint;
  globalThis.__lambdaFauxqs = sqs;
}
