import * as v from 'valibot';
import { cached } from '@platform/caching';
import { logger } from '@platform/logging';
import { getSettings } from '@platform/settings';
import type { PriceList } from '../domain/pricing';
import { Sku } from '../domain/order';
import { settings } from '../settings';
import { requireEnv } from './env';

/** The pricing team's `GET /price-list` answer. */
const PriceListResponse = v.object({
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'an ISO 4217 code')),
  prices: v.array(v.object({ sku: Sku, unitPriceCents: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
});

export class PricingUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PricingUnavailableError';
  }
}

export interface PricingApiOptions {
  /** e.g. https://pricing.example.com/v1 */
  readonly baseUrl: string;
  /** Read when needed: the key is a secret and never leaves this function but in the request header. */
  readonly apiKey: () => Promise<string>;
  /** @default 3000 */
  readonly timeoutMs?: number;
}

/** Loads the whole price list from the pricing API. Throws `PricingUnavailableError`. */
export function pricingApi(options: PricingApiOptions): () => Promise<PriceList> {
  const { baseUrl, apiKey, timeoutMs = 3000 } = options;
  const url = `${baseUrl.replace(/\/$/, '')}/price-list`;
  return async () => {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json', 'x-api-key': await apiKey() },
        // A hanging pricing API must fail the record well within the function's timeout.
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new PricingUnavailableError(`Pricing API unreachable at ${url}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!response.ok) {
      throw new PricingUnavailableError(`Pricing API answered ${response.status} for GET ${url}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new PricingUnavailableError(`Pricing API sent a price list that is not JSON (GET ${url})`, {
        cause: error,
      });
    }
    const parsed = v.safeParse(PriceListResponse, body);
    if (!parsed.success) {
      throw new PricingUnavailableError(
        `Pricing API sent an unexpected price list: ${parsed.issues
          .slice(0, 3)
          .map((i) => `${v.getDotPath(i) ?? '(body)'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    return {
      currency: parsed.output.currency,
      unitPrices: new Map(parsed.output.prices.map((p) => [p.sku, p.unitPriceCents])),
    };
  };
}

/** Prices change a few times a day; five minutes of staleness is the agreed trade-off. */
export const PRICE_LIST_TTL_MS = 5 * 60_000;

/**
 * The price list, cached for the container: one pricing API call per 5 minutes, shared by the
 * records of a batch (single-flight), and the last list kept for a while if the API fails.
 */
export const getPriceList = cached(
  () =>
    pricingApi({
      baseUrl: requireEnv('PRICING_API_URL'),
      apiKey: async () => (await getSettings(settings)).pricingApiKey,
    })(),
  {
    name: 'price-list',
    ttl: PRICE_LIST_TTL_MS,
    // Powertools' warn() takes its extra argument as a tuple; the cache passes one object.
    logger: { warn: (message, extra) => logger.warn(message, { ...extra }) },
  },
);
