/** A bootstrap stack config that cannot produce a working account: the message names the fix. */
export class BootstrapConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BootstrapConfigError';
  }
}

export const invalidBootstrapConfig = (stack: string, field: string, value: unknown, fix: string) =>
  new BootstrapConfigError(
    `Bootstrap stack "${stack}": ${field} ${JSON.stringify(value)} is not valid. ${fix}`,
  );

export const policyTooLarge = (
  stack: string,
  policy: string,
  size: number,
  limit: number,
  services: number,
) =>
  new BootstrapConfigError(
    `Bootstrap stack "${stack}": the deploy policy "${policy}" is ${size} characters; IAM allows ${limit} per managed policy. ` +
      `It scopes ${services} services: split its statements into another policy in stacks/bootstrap/src/deployPolicies.ts.`,
  );

export const tooManyPolicies = (stack: string, count: number, limit: number, services: number) =>
  new BootstrapConfigError(
    `Bootstrap stack "${stack}": the deploy role needs ${count} managed policies for ${services} services; IAM attaches at most ${limit} to a role. ` +
      `Move some of the team's services to an account of their own, or shorten the scopes in stacks/bootstrap/src/deployPolicies.ts.`,
  );
