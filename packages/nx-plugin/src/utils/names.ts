/** Lowercase kebab-case: valid in every AWS resource name the constructs derive from it. */
export const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export type Trigger = 'http' | 'sqs' | 'schedule';
export const TRIGGERS: readonly Trigger[] = ['http', 'sqs', 'schedule'];

export function assertName(kind: string, name: string | undefined): asserts name is string {
  if (!name || !NAME_PATTERN.test(name)) {
    throw new Error(
      `Invalid ${kind} name "${name ?? ''}": use lowercase kebab-case starting with a letter (e.g. "order-history").`,
    );
  }
}

/** AWS name limits of what a generated function creates (those of @platform/constructs' NAME_LIMITS). */
const LIMITS = { lambdaFunction: 64, iamRole: 64, sqsQueue: 80, schedule: 64 } as const;
/** Room kept on the function name for `-deploy` (the CodeDeploy role of opt-in traffic shifting). */
export const FUNCTION_NAME_ROOM = '-deploy'.length;

/** The ids the generators give a function's trigger resources in the stack. */
export const queueId = (fn: string) => `${fn}-queue`;
export const scheduleId = (fn: string) => `${fn}-schedule`;

/**
 * The AWS names a generated function and its trigger get in the environment with the longest name,
 * as @platform/constructs derives them, each with its limit.
 */
export function generatedNames(
  service: string,
  fn: string,
  trigger: Trigger,
  environments: readonly string[],
): { readonly what: string; readonly name: string; readonly limit: number }[] {
  const env = environments.reduce((a, b) => (b.length > a.length ? b : a), '');
  const prefix = `${service}-${env}-`;
  const names = [
    {
      what: 'Lambda function and IAM role name (with room for -deploy)',
      name: `${prefix}${fn}`,
      limit: LIMITS.lambdaFunction - FUNCTION_NAME_ROOM,
    },
  ];
  if (trigger === 'sqs') {
    names.push({
      what: 'SQS dead-letter queue name',
      name: `${prefix}${queueId(fn)}-dlq`,
      limit: LIMITS.sqsQueue,
    });
  }
  if (trigger === 'schedule') {
    names.push({
      what: 'scheduler IAM role name',
      name: `${prefix}${scheduleId(fn)}-scheduler`,
      limit: LIMITS.iamRole,
    });
  }
  return names;
}

/** Every AWS name the generated code derives from the service and function names must fit its limit. */
export function assertNamesFit(
  service: string,
  fn: string,
  trigger: Trigger,
  environments: readonly string[],
): void {
  for (const { what, name, limit } of generatedNames(service, fn, trigger, environments)) {
    if (name.length > limit) {
      throw new Error(
        `Name too long: the ${what} would be "${name}", ${name.length} characters; the limit is ${limit}. ` +
          `Shorten the service or function name by ${name.length - limit} characters.`,
      );
    }
  }
}

export function assertTrigger(trigger: string | undefined): asserts trigger is Trigger {
  if (!trigger || !TRIGGERS.includes(trigger as Trigger)) {
    throw new Error(`Unknown trigger "${trigger ?? ''}". Use one of: ${TRIGGERS.join(', ')}.`);
  }
}

export const className = (name: string) =>
  name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
export const camelName = (name: string) => className(name).replace(/^./, (c) => c.toLowerCase());
