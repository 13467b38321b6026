import { UnsupportedPolicyError } from './errors';
import type { ConditionBlock, PolicyDocument, PolicyStatement, Request } from './types';

/** What IAM decides for one request against identity policies. */
export type Decision = 'allowed' | 'implicitDeny' | 'explicitDeny';

/**
 * IAM's evaluation of identity-based policies within one account: an explicit Deny wins, then any
 * Allow, otherwise the request is implicitly denied. A statement applies when its Action (or
 * NotAction), Resource (or NotResource) and every Condition operator match. Actions compare
 * case-insensitively, resources case-sensitively; `*` and `?` are wildcards in both.
 * Policy variables, permission boundaries, SCPs and resource policies are out of scope: the
 * platform's identity policies use none of them.
 */
export function evaluate(policies: readonly PolicyDocument[], request: Request): Decision {
  const applying = policies.flatMap((p) => statementsOf(p)).filter((s) => applies(s, request));
  if (applying.some((s) => s.Effect === 'Deny')) return 'explicitDeny';
  return applying.some((s) => s.Effect === 'Allow') ? 'allowed' : 'implicitDeny';
}

export const isAllowed = (policies: readonly PolicyDocument[], request: Request): boolean =>
  evaluate(policies, request) === 'allowed';

/** A policy's statements; a JSON string (as Terraform holds it) is parsed. */
export function statementsOf(policy: PolicyDocument | string): PolicyStatement[] {
  const document = typeof policy === 'string' ? (JSON.parse(policy) as PolicyDocument) : policy;
  return list(document.Statement);
}

function applies(statement: PolicyStatement, request: Request): boolean {
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    throw new UnsupportedPolicyError(`Effect ${JSON.stringify(statement.Effect)}`, 'Allow or Deny');
  }
  const actionMatches = (patterns: string | readonly string[]) =>
    list(patterns).some((p) => wildcardMatch(p.toLowerCase(), request.action.toLowerCase()));
  const resourceMatches = (patterns: string | readonly string[]) =>
    list(patterns).some((p) => wildcardMatch(p, request.resource));

  if (statement.Action !== undefined) {
    if (!actionMatches(statement.Action)) return false;
  } else if (statement.NotAction !== undefined) {
    if (actionMatches(statement.NotAction)) return false;
  } else throw new UnsupportedPolicyError('a statement without Action or NotAction', 'one of them');

  if (statement.Resource !== undefined) {
    if (!resourceMatches(statement.Resource)) return false;
  } else if (statement.NotResource !== undefined) {
    if (resourceMatches(statement.NotResource)) return false;
  } else throw new UnsupportedPolicyError('a statement without Resource or NotResource', 'one of them');

  return conditionsHold(statement.Condition ?? {}, request.context ?? {});
}

/** Every operator of the block must hold (AND); within one, any of the values may match (OR). */
function conditionsHold(
  block: ConditionBlock,
  context: Readonly<Record<string, string | readonly string[]>>,
) {
  return Object.entries(block).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      // Condition keys are case-insensitive.
      const found = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase());
      return operatorHolds(operator, found === undefined ? undefined : list(found[1]), list(expected));
    }),
  );
}

const OPERATORS: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcardMatch(e, a),
  ArnEquals: (a, e) => a === e,
  ArnLike: (a, e) => arnLike(e, a),
  Bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
  NumericEquals: (a, e) => Number(a) === Number(e),
  NumericLessThan: (a, e) => Number(a) < Number(e),
  NumericLessThanEquals: (a, e) => Number(a) <= Number(e),
  NumericGreaterThan: (a, e) => Number(a) > Number(e),
  NumericGreaterThanEquals: (a, e) => Number(a) >= Number(e),
};
/** Negated operators: true when no value matches, and when the key is absent. */
const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
};

function operatorHolds(operator: string, actual: string[] | undefined, expected: string[]): boolean {
  if (operator.startsWith('ForAnyValue:') || operator.startsWith('ForAllValues:')) {
    throw new UnsupportedPolicyError(`condition operator ${operator}`, supported());
  }
  if (operator === 'Null') {
    // {"Null": {"key": "true"}}: the key is absent.
    return expected.some((e) => (e.toLowerCase() === 'true') === (actual === undefined));
  }
  const ifExists = operator.endsWith('IfExists');
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  if (actual === undefined && ifExists) return true;
  if (NEGATED[base]) {
    if (actual === undefined) return true;
    const match = OPERATORS[NEGATED[base]];
    return !actual.some((a) => expected.some((e) => match(a, e)));
  }
  const match = OPERATORS[base];
  if (!match) throw new UnsupportedPolicyError(`condition operator ${operator}`, supported());
  if (actual === undefined) return false;
  return actual.some((a) => expected.some((e) => match(a, e)));
}

const supported = () =>
  [...Object.keys(OPERATORS), ...Object.keys(NEGATED), 'Null', '...IfExists'].join(', ');

/** ArnLike compares the six colon-separated parts one by one: a `*` does not span a colon there. */
function arnLike(pattern: string, arn: string): boolean {
  const p = pattern.split(':');
  const a = arn.split(':');
  if (p.length < 6 || a.length < 6) return false;
  const head = (parts: string[]) => [...parts.slice(0, 5), parts.slice(5).join(':')];
  const [ph, ah] = [head(p), head(a)];
  return ph.every((part, i) => wildcardMatch(part, ah[i]));
}

/** `*` matches any run of characters (colons and slashes included), `?` exactly one. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(value);
}

function list<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as T[])] : [value as T];
}
