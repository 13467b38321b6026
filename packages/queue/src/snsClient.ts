import type { SNSClient } from '@aws-sdk/client-sns';
import { type ClientOptions, sharedClients } from './sharedClients';

export interface SnsClientOptions extends ClientOptions {
  /** @default the SDK's: env `AWS_ENDPOINT_URL_SNS`, else the regional AWS endpoint */
  readonly endpoint?: string;
  /** @default the SDK's: env `AWS_REGION` */
  readonly region?: string;
}

const clients = sharedClients<SNSClient>((config) =>
  import('@aws-sdk/client-sns').then(({ SNSClient }) => new SNSClient(config)),
);

/** The container's SNSClient for these options: created on first use, then reused (warm connections). */
export const getSnsClient = (options: SnsClientOptions = {}): Promise<SNSClient> => clients.get(options);

/** Destroys and forgets the shared clients (tests; a container never needs this). */
export const resetSnsClients = (): Promise<void> => clients.reset();
