import type { SNSClient } from '@aws-sdk/client-sns';

const clients = new Map<string, Promise<SNSClient>>();

export interface SnsClientOptions {
  /** @default the SDK's: env `AWS_ENDPOINT_URL_SNS`, else the regional AWS endpoint */
  readonly endpoint?: string;
  /** @default the SDK's: env `AWS_REGION` */
  readonly region?: string;
}

/** The container's SNSClient for these options: created on first use, then reused (warm connections). */
export function getSnsClient(options: SnsClientOptions = {}): Promise<SNSClient> {
  const { endpoint, region } = options;
  const key = `${endpoint ?? ''}|${region ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = import('@aws-sdk/client-sns').then(
      ({ SNSClient }) =>
        new SNSClient({
          ...(endpoint === undefined ? {} : { endpoint }),
          ...(region === undefined ? {} : { region }),
        }),
    );
    clients.set(key, client);
    client.catch(() => clients.delete(key));
  }
  return client;
}

/** Destroys and forgets the shared clients (tests; a container never needs this). */
export async function resetSnsClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  for (const client of await Promise.allSettled(all)) {
    if (client.status === 'fulfilled') client.value.destroy();
  }
}
