export default async function globalTeardown() {
  await globalThis.__lambdaFauxqs?.stop();
}
