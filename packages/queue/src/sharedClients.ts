/** Endpoint and region of an SDK client; both default to the SDK's own resolution (env, then AWS). */
export interface ClientOptions {
  readonly endpoint?: string;
  readonly region?: string;
}

/**
 * One client per endpoint and region for the container: created on first use (the SDK is imported then,
 * not when a handler loads), then reused by every invocation, which keeps its connections warm. A failed
 * creation is forgotten, so the next call tries again.
 */
export function sharedClients<C extends { destroy(): void }>(
  create: (config: ClientOptions) => Promise<C>,
): { get(options?: ClientOptions): Promise<C>; reset(): Promise<void> } {
  const clients = new Map<string, Promise<C>>();
  return {
    get({ endpoint, region }: ClientOptions = {}) {
      const key = `${endpoint ?? ''}|${region ?? ''}`;
      let client = clients.get(key);
      if (!client) {
        client = create({
          ...(endpoint === undefined ? {} : { endpoint }),
          ...(region === undefined ? {} : { region }),
        });
        clients.set(key, client);
        client.catch(() => clients.delete(key));
      }
      return client;
    },
    async reset() {
      const all = [...clients.values()];
      clients.clear();
      for (const client of await Promise.allSettled(all)) {
        if (client.status === 'fulfilled') client.value.destroy();
      }
    },
  };
}
