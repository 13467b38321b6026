export default async function globalTeardown() {
  await Promise.all((globalThis.__reportsIntegration ?? []).map((server) => server.stop()));
}
