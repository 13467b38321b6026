// Real servers on 127.0.0.1, once for every test file (workers inherit the environment):
// SQS (fauxqs, through tools/local-sqs.mjs) and DynamoDB (dynalite).
import dynalite from 'dynalite';
import { startLocalSqs } from '../../../../tools/local-sqs.mjs';

export default async function globalSetup() {
  const sqs = await startLocalSqs();
  // Tables are ACTIVE at once instead of after a simulated delay.
  const dynamodb = dynalite({ createTableMs: 0 });
  await new Promise((resolve, reject) => {
    dynamodb.once('error', reject);
    dynamodb.listen(0, '127.0.0.1', resolve);
  });
  process.env.REPORTS_IT_SQS_ENDPOINT = sqs.endpoint;
  process.env.REPORTS_IT_DYNAMODB_ENDPOINT = `http://127.0.0.1:${dynamodb.address().port}`;
  globalThis.__reportsIntegration = { sqs, dynamodb };
}
