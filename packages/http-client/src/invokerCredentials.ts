import { ServiceCallError } from './errors';
import type { Credentials, StsLike } from './types';

/**
 * The invoker role's credentials, assumed on first use and again only when they are about to expire:
 * a warm container calls STS about once an hour, not once per request. Concurrent callers share one
 * AssumeRole call.
 */
export class InvokerCredentials {
  private current?: Promise<Credentials>;

  constructor(
    private readonly roleArn: string,
    private readonly sts: () => Promise<StsLike>,
    private readonly options: {
      readonly sessionName: string;
      readonly marginMs: number;
      readonly now: () => number;
    },
  ) {}

  get(): Promise<Credentials> {
    const fresh = this.current;
    if (fresh) {
      return fresh.then((credentials) =>
        credentials.expiration &&
        credentials.expiration.getTime() - this.options.marginMs <= this.options.now()
          ? this.assume()
          : credentials,
      );
    }
    return this.assume();
  }

  private assume(): Promise<Credentials> {
    const assumed = (async () => {
      const [{ AssumeRoleCommand }, sts] = await Promise.all([import('@aws-sdk/client-sts'), this.sts()]);
      const { Credentials: c } = await sts
        .send(new AssumeRoleCommand({ RoleArn: this.roleArn, RoleSessionName: this.options.sessionName }))
        .catch((error: unknown) => {
          throw new ServiceCallError(
            `Could not assume ${this.roleArn}: ${(error as Error)?.message ?? String(error)}. ` +
              'The invoker role trusts only the calling function declared in stacks/topology.ts, once both stacks are deployed.',
            { cause: error },
          );
        });
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw new ServiceCallError(`STS returned no credentials for ${this.roleArn}.`);
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
        ...(c.Expiration ? { expiration: c.Expiration } : {}),
      };
    })();
    this.current = assumed;
    // A failure is not cached: the next call tries again.
    assumed.catch(() => {
      if (this.current === assumed) this.current = undefined;
    });
    return assumed;
  }
}
