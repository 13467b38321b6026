import { policiesOf, type Policy } from '../policies';
import { block } from '../StackView';
import type { Finding, GuardrailRule, StackViewLike, TfResource } from '../types';
import { ALL_RESOURCES } from './NoWildcardResources';

/** What PLAT-IAM-1 forbids outright: `*` and `<service>:*`. */
const ALL_ACTIONS = /^(\*|[\w-]+:\*)$/;
/** A log group's streams: `...:log-group:<name>:*` or `...:log-group:<name>:log-stream:*`. */
const LOG_STREAMS = /^arn:[\w-]+:logs:[\w-]+:\d{12}:log-group:([^:*]+):(?:log-stream:)?\*$/;
/** Parameters under a path: `...:parameter/<path>/*`. */
const PARAMETERS = /^arn:[\w-]+:ssm:[\w-]+:\d{12}:parameter(\/[^*]+\/)\*$/;

export const JustifiedWildcards: GuardrailRule = {
  id: 'PLAT-IAM-4',
  title: 'Every wildcard in an IAM policy is a known pattern or justified where it stands',
  why:
    'A wildcard grants every present and future resource or action it matches; each one is either a pattern ' +
    'the platform knows to be narrow or carries, on its construct, the exact pattern and the reason it is needed.',
  fix:
    'Name the exact resource or action; for a deliberate wildcard, suppress PLAT-IAM-4 on the policy with ' +
    "the exact pattern and a reason: suppress(policy, 'PLAT-IAM-4', '<why>', { appliesTo: ['Resource::<pattern>'] }).",
  granular: true,
  check({ view, expected }) {
    const findings = new Map<string, Finding>();
    for (const policy of policiesOf(view).filter((p) => p.kind === 'identity')) {
      const logGroups = ownLogGroups(view, policy);
      for (const s of policy.statements.filter((st) => st.effect === 'Allow' && st.notActions.length === 0)) {
        // `*` and `<service>:*` are PLAT-IAM-1's findings.
        const actions = s.actions.filter((a) => a.includes('*') && !ALL_ACTIONS.test(a));
        // "*" is accepted for actions that take only "*" (Service Authorization Reference); for any
        // other action it is PLAT-IAM-2's finding.
        const resources = s.resources.filter(
          (r) => r.includes('*') && !ALL_RESOURCES.test(r) && !known(r, logGroups, expected.settingsPath),
        );
        // Each pattern once per policy, with the first statement that holds it.
        const add = (finding: Finding) => {
          const key = `${finding.address} ${finding.appliesTo}`;
          if (!findings.has(key)) findings.set(key, finding);
        };
        for (const action of actions) {
          const appliesTo = `Action::${action}`;
          add({
            address: policy.address,
            problem: `${policy.field} allows the wildcard action ${action}`,
            fix: fixFor(appliesTo, 'list the exact actions'),
            appliesTo,
          });
        }
        for (const resource of resources) {
          const appliesTo = `Resource::${resource}`;
          add({
            address: policy.address,
            problem: `${policy.field} allows ${s.actions.join(', ')} on the wildcard resource ${resource}`,
            fix: fixFor(appliesTo, 'name the exact resource'),
            appliesTo,
          });
        }
      }
    }
    return [...findings.values()];
  },
};

const fixFor = (appliesTo: string, exact: string) =>
  `${exact}, or if the wildcard is deliberate suppress PLAT-IAM-4 on the policy with this pattern and a reason: ` +
  `suppress(policy, 'PLAT-IAM-4', '<why>', { appliesTo: ['${appliesTo}'] })`;

/** A pattern the rule accepts by itself: the streams of the policy's functions' own log groups, the service's settings. */
function known(resource: string, logGroups: ReadonlySet<string>, settingsPath: string | undefined): boolean {
  const group = LOG_STREAMS.exec(resource)?.[1];
  if (group !== undefined) return logGroups.has(group);
  const path = PARAMETERS.exec(resource)?.[1];
  return path !== undefined && path === settingsPath;
}

/** The log group names of the functions whose roles hold the policy. */
function ownLogGroups(view: StackViewLike, policy: Policy): Set<string> {
  const roles = new Set(rolesOf(view, policy).map((r) => r.address));
  const groups = new Set<string>();
  for (const fn of view.resources('aws_lambda_function')) {
    const role = view.referenced(fn.config.role, ['aws_iam_role']);
    if (!role || !roles.has(role.address)) continue;
    const configured: unknown = block(fn.config.logging_config)?.log_group;
    const name =
      view.referenced(configured, ['aws_cloudwatch_log_group'])?.config.name ??
      configured ??
      `/aws/lambda/${String(fn.config.function_name)}`;
    if (typeof name === 'string') groups.add(name);
  }
  return groups;
}

/** The roles of the stack a policy applies to: its own role (inline), or the roles it is attached to. */
function rolesOf(view: StackViewLike, policy: Policy): TfResource[] {
  const resource = view.get(policy.address);
  if (!resource) return [];
  const role = (value: unknown) =>
    view.referenced(value, ['aws_iam_role']) ??
    view.resources('aws_iam_role').find((r) => r.config.name === value);
  switch (resource.type) {
    case 'aws_iam_role':
      return [resource];
    case 'aws_iam_role_policy':
      return [role(resource.config.role)].filter((r): r is TfResource => r !== undefined);
    case 'aws_iam_policy':
      return view
        .resources('aws_iam_role_policy_attachment')
        .filter((a) => view.referenced(a.config.policy_arn, ['aws_iam_policy'])?.address === resource.address)
        .map((a) => role(a.config.role))
        .filter((r): r is TfResource => r !== undefined);
    default:
      return [];
  }
}
