import { cached } from '@platform/caching';

const price = cached(async (sku: string) => sku.length * 100, { ttl: 60_000 });
export const handler = async (event: { sku: string }) => ({
  statusCode: 200,
  body: String(await price(event.sku)),
});
