import type { SQSClient } from '@aws-sdk/client-sqs';

const clients = new Map<string, Promise<SQSClient>>();

export interface SqsClientOptions {
  /** @default the SDK's: env `AWS_ENDPOINT_URL_SQS`, else the regional AWS endpoint */
  readonly endpoint?: string;
  /** @default the SDK's: env `AWS_REGION` */
  readonly region?: string;
}

/**
 * The container's SQSClient for these options: created on first use (the SDK is imported then,
 * not when a handler loads), then reused by every invocation, which keeps its connections warm.
 */
export function getSqsClient(options: SqsClientOptions = {}): Promise<SQSClient> {
  const { endpoint, region } = options;
  const key = `${endpoint ?? ''}|${region ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = import('@aws-sdk/client-sqs').then(
      ({ SQSClient }) =>
        new SQSClient({
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
export async function resetSqsClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  for (const client of await Promise.allSettled(all)) {
    if (client.status === 'fulfilled') client.value.destroy();
  }
}
