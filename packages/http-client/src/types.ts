import type { AssumeRoleCommand, AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import type { GetParameterCommand, GetParameterCommandOutput } from '@aws-sdk/client-ssm';

/** Temporary credentials of the invoker role (the SDK's AwsCredentialIdentity). */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** The body every platform API answers with (@platform/lambda's StandardResponse), and the HTTP status. */
export interface ServiceResponse<T = unknown> {
  readonly statusCode: number;
  readonly status: string;
  readonly message: string;
  readonly data: T | null;
}

export interface CallRequest {
  /** Values of the route's `{name}` parameters: `{ id: 'ord_1' }` for `GET /orders/{id}`. */
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
}

/** What the client needs of an STS client: an `STSClient`, or a fake in tests. */
export interface StsLike {
  send(command: AssumeRoleCommand): Promise<AssumeRoleCommandOutput>;
}

/** What the client needs of an SSM client, created with the invoker role's credentials. */
export interface SsmLike {
  send(command: GetParameterCommand): Promise<GetParameterCommandOutput>;
}

export interface ServiceClientOptions {
  /** @default an STSClient of the function's region */
  readonly sts?: StsLike;
  /** @default an SSMClient in the called service's account, with the invoker role's credentials */
  readonly ssm?: (credentials: Credentials, region: string) => SsmLike;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Seconds before expiry when the role is assumed again. @default 300 */
  readonly refreshMarginSeconds?: number;
  /** For tests: the clock. @default Date.now */
  readonly now?: () => number;
  /** The assumed role's session name, in the called account's CloudTrail. @default env `AWS_LAMBDA_FUNCTION_NAME` */
  readonly sessionName?: string;
}
