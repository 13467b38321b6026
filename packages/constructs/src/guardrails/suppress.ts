import type { IConstruct } from 'constructs';
import { suppressionWithoutReason, unknownRule } from '../errors';
import { RULES } from './rules';

export const SUPPRESSION_METADATA = 'platform:guardrail-suppression';

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Turns off one guardrail rule for a construct and everything under it (a stack suppresses it
 * stack-wide). The rule id and the reason are printed at every synth, so an exception stays visible.
 *
 * @example suppress(legacyQueue, 'PLAT-SQS-1', 'drained by the batch importer, which has its own retry');
 */
export function suppress(construct: IConstruct, ruleId: string, reason: string): void {
  const known = RULES.map((r) => r.id);
  if (!known.includes(ruleId)) throw unknownRule(construct.node.path, ruleId, known);
  if (typeof reason !== 'string' || reason.trim().length < 10)
    throw suppressionWithoutReason(construct.node.path, ruleId);
  construct.node.addMetadata(SUPPRESSION_METADATA, { ruleId, reason: reason.trim() } satisfies Suppression);
}

/** Suppressions on the construct itself. */
export function suppressionsOn(construct: IConstruct): Suppression[] {
  return construct.node.metadata
    .filter((m) => m.type === SUPPRESSION_METADATA)
    .map((m) => m.data as Suppression);
}
