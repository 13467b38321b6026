export interface LocalSqs {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}
export function startLocalSqs(options?: { port?: number; region?: string }): Promise<LocalSqs>;
