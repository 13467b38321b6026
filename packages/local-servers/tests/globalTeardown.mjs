export default async function globalTeardown() {
  await Promise.all((globalThis.__localServers ?? []).map((server) => server.stop()));
}
