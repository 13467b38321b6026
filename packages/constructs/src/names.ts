import type { Construct } from 'constructs';
import { duplicateId, invalidConstructId, nameTooLong } from './errors';

/** The alias every trigger invokes: it carries provisioned concurrency and moves with CodeDeploy. */
export const LIVE_ALIAS = 'live';

/** AWS name limits, in characters. */
export const NAME_LIMITS = {
  lambdaFunction: 64,
  iamRole: 64,
  /** Including the `.fifo` suffix. */
  sqsQueue: 80,
  schedule: 64,
  codedeployApplication: 100,
  httpApi: 128,
} as const;

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The id to pass to `super()`: checked before the construct exists, so a duplicate is reported with
 * the platform's message (what, where, the fix) rather than the constructs library's.
 */
export function checkedId(scope: Construct, id: string, construct: string): string {
  if (!KEBAB.test(id)) throw invalidConstructId(construct, id);
  const existing = scope.node.tryFindChild(id);
  if (existing)
    throw duplicateId(construct, id, scope.node.path || 'the app', `a ${existing.constructor.name}`);
  return id;
}

/** `name`, unless it is longer than AWS allows: then an error naming the construct and the fix. */
export function checkedName(
  construct: string,
  kind: string,
  name: string,
  limit: number,
  prefix: string,
): string {
  if (name.length > limit) throw nameTooLong(construct, kind, name, limit, prefix);
  return name;
}

/**
 * The variable holding a stream's topic ARN in a publishing function: `order.accepted` ->
 * `STREAM_ORDER_ACCEPTED_TOPIC_ARN`. @platform/queue's `publishEvents` derives the same name.
 */
export const streamTopicVariable = (stream: string) =>
  `STREAM_${stream.toUpperCase().replace(/[.-]/g, '_')}_TOPIC_ARN`;
