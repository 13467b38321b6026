export default async function globalTeardown() {
  const { sqs, dynamodb } = globalThis.__reportsIntegration ?? {};
  await Promise.all([sqs?.stop(), dynamodb && new Promise((resolve) => dynamodb.close(resolve))]);
}
