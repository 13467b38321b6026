import type { SQSClient } from '@aws-sdk/client-sqs';
import { type ClientOptions, sharedClients } from './sharedClients';

export interface SqsClientOptions extends ClientOptions {
  /** @default the SDK's: env `AWS_ENDPOINT_URL_SQS`, else the regional AWS endpoint */
  readonly endpoint?: string;
  /** @default the SDK's: env `AWS_REGION` */
  readonly region?: string;
}

const clients = sharedClients<SQSClient>((config) =>
  import('@aws-sdk/client-sqs').then(({ SQSClient }) => new SQSClient(config)),
);

/** The container's SQSClient for these options: created on first use, then reused (warm connections). */
export const getSqsClient = (options: SqsClientOptions = {}): Promise<SQSClient> => clients.get(options);

/** Destroys and forgets the shared clients (tests; a container never needs this). */
export const resetSqsClients = (): Promise<void> => clients.reset();
