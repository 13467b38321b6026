export default async function globalTeardown() {
  await Promise.all((globalThis.__ordersIntegrationServers ?? []).map((server) => server.stop()));
}
