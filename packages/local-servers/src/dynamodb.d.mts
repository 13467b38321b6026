export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}
export function startLocalDynamoDb(options?: { port?: number }): Promise<LocalDynamoDb>;
