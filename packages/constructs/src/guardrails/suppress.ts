import type { IConstruct } from 'constructs';
import { suppressionAppliesTo, suppressionWithoutReason, unknownRule } from '../errors';
import { RULES } from './rules';

export const SUPPRESSION_METADATA = 'platform:guardrail-suppression';

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Only these findings (their `appliesTo`); absent: every finding of the rule. */
  readonly appliesTo?: readonly string[];
}

export interface SuppressOptions {
  /**
   * The exact values accepted, as the findings name them (cdk-nag's `appliesTo`), e.g.
   * `Resource::arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-*`. Required by the rules
   * whose findings name one (PLAT-IAM-4), and only for them.
   */
  readonly appliesTo?: readonly string[];
}

/**
 * Turns off one guardrail rule for a construct and everything under it (a stack suppresses it
 * stack-wide). The rule id and the reason are printed at every synth, so an exception stays visible.
 *
 * @example suppress(legacyQueue, 'PLAT-SQS-1', 'drained by the batch importer, which has its own retry');
 * @example suppress(policy, 'PLAT-IAM-4', 'HTTP API IDs are random', {
 *   appliesTo: ['Resource::arn:aws:apigateway:eu-west-1::/apis/*'] });
 */
export function suppress(
  construct: IConstruct,
  ruleId: string,
  reason: string,
  options: SuppressOptions = {},
): void {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule)
    throw unknownRule(
      construct.node.path,
      ruleId,
      RULES.map((r) => r.id),
    );
  if (typeof reason !== 'string' || reason.trim().length < 10)
    throw suppressionWithoutReason(construct.node.path, ruleId);
  const { appliesTo } = options;
  const listed = Array.isArray(appliesTo) && appliesTo.length > 0 && appliesTo.every((a) => a.includes('::'));
  if (rule.granular ? !listed : appliesTo !== undefined)
    throw suppressionAppliesTo(construct.node.path, ruleId, rule.granular === true);
  construct.node.addMetadata(SUPPRESSION_METADATA, {
    ruleId,
    reason: reason.trim(),
    ...(appliesTo ? { appliesTo: [...appliesTo] } : {}),
  } satisfies Suppression);
}

/** Suppressions on the construct itself. */
export function suppressionsOn(construct: IConstruct): Suppression[] {
  return construct.node.metadata
    .filter((m) => m.type === SUPPRESSION_METADATA)
    .map((m) => m.data as Suppression);
}
