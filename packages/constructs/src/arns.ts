/** ARNs built from the stack's account and region: no data source, so plans work offline. */
export interface ArnContext {
  readonly accountId: string;
  readonly region: string;
}

/** The partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function arn(ctx: ArnContext, service: string, resource: string): string {
  return `arn:${partitionOf(ctx.region)}:${service}:${ctx.region}:${ctx.accountId}:${resource}`;
}

/** An SSM parameter ARN; `name` starts with `/` (the ARN has a single slash after `parameter`). */
export const parameterArn = (ctx: ArnContext, name: string) =>
  arn(ctx, 'ssm', `parameter/${name.replace(/^\//, '')}`);

/** Secrets Manager appends `-` and 6 random characters to a secret's name in its ARN. */
export const secretArnPattern = (ctx: ArnContext, name: string) =>
  arn(ctx, 'secretsmanager', `secret:${name}-??????`);

export const functionArn = (ctx: ArnContext, name: string, qualifier?: string) =>
  arn(ctx, 'lambda', `function:${name}${qualifier ? `:${qualifier}` : ''}`);
