import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fromWebToken } from '@aws-sdk/credential-providers';
import { fetchRequestHandler } from './fetchRequestHandler';

/**
 * AWS credentials for one synthesized stack from the GitHub Actions OIDC token: the role is the
 * one the stack's provider assumes (its `assume_role`), so a job deploying stacks of several
 * accounts gets each stack's own account role, and no long-lived key exists anywhere.
 */
export class CredentialsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CredentialsError';
  }
}

export interface StackRole {
  readonly stack: string;
  readonly roleArn: string;
  readonly region: string;
}

export interface Credentials {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken: string;
  readonly Expiration: string;
}

export type Fetch = typeof fetch;

/** GitHub's OIDC tokens for AWS carry this audience; the roles' trust policies require it. */
export const AUDIENCE = 'sts.amazonaws.com';
/** One hour: the roles' maximum session, and longer than any single Terraform command. */
export const SESSION_SECONDS = 3600;

/** The role and region of the stack synthesized in `stackDir` (cdktf.out/stacks/<stack> or a deploy output). */
export function stackRole(stackDir: string): StackRole {
  const file = join(stackDir, 'cdk.tf.json');
  if (!existsSync(file)) {
    throw new CredentialsError(
      `No cdk.tf.json in ${stackDir}. The credential process runs where Terraform runs, in a synthesized stack folder; ` +
        'run it through cdktf diff/deploy (nx run <service>-stack:deploy -c <environment>), or pass the folder.',
    );
  }
  const config = JSON.parse(readFileSync(file, 'utf8')) as {
    provider?: { aws?: { alias?: string; region?: string; assume_role?: { role_arn?: string }[] }[] };
  };
  const provider = (config.provider?.aws ?? []).find((p) => !p.alias);
  const roleArn = provider?.assume_role?.[0]?.role_arn;
  if (!provider?.region || !roleArn) {
    throw new CredentialsError(
      `Stack ${basename(stackDir)} has no AWS provider with a region and an assume_role. Only service stacks deploy from ` +
        'the pipeline; bootstrap stacks are applied by an administrator (README "Bootstrapping an account").',
    );
  }
  return { stack: basename(stackDir), roleArn, region: provider.region };
}

/** The job's OIDC token for AWS; needs `permissions: id-token: write` on the job. */
export async function githubOidcToken(env: NodeJS.ProcessEnv, fetchImpl: Fetch = fetch): Promise<string> {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) {
    throw new CredentialsError(
      'No GitHub OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL is not set. Give the job `permissions: id-token: write` ' +
        '(pull requests from forks never get one), or run with your own AWS credentials outside GitHub Actions.',
    );
  }
  const request = new URL(url);
  request.searchParams.set('audience', AUDIENCE);
  const response = await fetchImpl(request, { headers: { Authorization: `bearer ${bearer}` } });
  if (!response.ok) throw new CredentialsError(`GitHub refused an OIDC token (HTTP ${response.status}).`);
  const { value } = (await response.json()) as { value?: string };
  if (!value) throw new CredentialsError('GitHub answered without an OIDC token.');
  return value;
}

export interface AssumeOptions {
  readonly roleArn: string;
  readonly region: string;
  readonly sessionName: string;
  readonly token: string;
  /** The HTTP client the SDK sends through (a stand-in in tests). @default the SDK's own */
  readonly fetch?: Fetch;
  /** Attempts for throttling and server errors (the SDK's standard retry strategy). @default 3 */
  readonly attempts?: number;
}

/** STS AssumeRoleWithWebIdentity through the SDK's web-identity provider: an unsigned call, the token is the proof. */
export async function assumeRoleWithWebIdentity(options: AssumeOptions): Promise<Credentials> {
  const { roleArn, region, sessionName, token } = options;
  const provider = fromWebToken({
    roleArn,
    roleSessionName: sessionName,
    webIdentityToken: token,
    durationSeconds: SESSION_SECONDS,
    clientConfig: {
      region,
      maxAttempts: options.attempts ?? 3,
      ...(options.fetch ? { requestHandler: fetchRequestHandler(options.fetch) } : {}),
    },
  });
  try {
    const credentials = await provider();
    if (!credentials.sessionToken || !credentials.expiration) {
      throw new CredentialsError('STS answered AssumeRoleWithWebIdentity without credentials.');
    }
    return {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      // STS's own form (whole seconds), as the hand-written client printed it.
      Expiration: credentials.expiration.toISOString().replace(/\.000Z$/, 'Z'),
    };
  } catch (error) {
    if (error instanceof CredentialsError) throw error;
    const { name, message } = error as Error;
    throw new CredentialsError(
      `Could not assume ${roleArn} with the GitHub OIDC token (${name}: ${message || 'no message'}). ` +
        `The token's subject is "${tokenSubject(token)}"; the role trusts only this repository in the GitHub environment ` +
        "of the role's account (deploys) or its pull requests (plan role). Check the job's `environment:` and that the " +
        'account is bootstrapped (README "Bootstrapping an account").',
      { cause: error },
    );
  }
}

/** What an AWS `credential_process` prints. */
export const credentialProcessOutput = (credentials: Credentials) =>
  JSON.stringify({ Version: 1, ...credentials });

/** An IAM session name (2-64 of [\w+=,.@-]) that tells, in CloudTrail, which run deployed which stack. */
export function sessionName(stack: string, env: NodeJS.ProcessEnv): string {
  return `gh-${env.GITHUB_RUN_ID ?? 'local'}-${stack}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

/** An AWS config file whose default profile gets credentials from `command` (the SDK runs it with `sh -c`). */
export const awsConfig = (command: string) => `[default]\ncredential_process = ${command}\n`;

/** The `sub` claim, for the error message only (the token itself is never printed). */
function tokenSubject(token: string): string {
  try {
    return (
      (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub?: string }).sub ??
      'unknown'
    );
  } catch {
    return 'unreadable';
  }
}
