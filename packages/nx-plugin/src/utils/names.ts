/** Lowercase kebab-case: valid in every AWS resource name the constructs derive from it. */
export const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Longest suffix the constructs append to `<service>-<environment>-<function>` (e.g. `-deploy-group`,
 * `-dlq.fifo` is counted against SQS's 80).
 */
export const RESERVED_SUFFIX = 12;
/** Lambda function and IAM role names: 64 characters. */
export const AWS_NAME_LIMIT = 64;

export type Trigger = 'http' | 'sqs' | 'schedule';
export const TRIGGERS: readonly Trigger[] = ['http', 'sqs', 'schedule'];

export function assertName(kind: string, name: string | undefined): asserts name is string {
  if (!name || !NAME_PATTERN.test(name)) {
    throw new Error(
      `Invalid ${kind} name "${name ?? ''}": use lowercase kebab-case starting with a letter (e.g. "order-history").`,
    );
  }
}

/** Every `<service>-<env>-<function>` plus the constructs' longest suffix must fit AWS's 64 characters. */
export function assertNamesFit(service: string, fn: string, environments: readonly string[]): void {
  const longestEnv = environments.reduce((a, b) => (b.length > a.length ? b : a), '');
  const full = `${service}-${longestEnv}-${fn}`;
  const budget = AWS_NAME_LIMIT - RESERVED_SUFFIX;
  if (full.length > budget) {
    throw new Error(
      `Name too long: "${full}" has ${full.length} characters; AWS resource names derived from it must fit ` +
        `${AWS_NAME_LIMIT} (${budget} plus ${RESERVED_SUFFIX} for suffixes). ` +
        `Shorten the service or function name by ${full.length - budget} characters.`,
    );
  }
}

export function assertTrigger(trigger: string | undefined): asserts trigger is Trigger {
  if (!trigger || !TRIGGERS.includes(trigger as Trigger)) {
    throw new Error(`Unknown trigger "${trigger ?? ''}". Use one of: ${TRIGGERS.join(', ')}.`);
  }
}

export const className = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
export const camelName = (name: string) => className(name).replace(/^./, (c) => c.toLowerCase());
