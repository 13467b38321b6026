import type { StackViewLike, TfBlock } from './types';

export interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
}

/** One IAM policy in the stack, parsed; `unreadable` when it is not plain JSON. */
export interface Policy {
  readonly address: string;
  readonly field: string;
  /** Identity policies grant a principal rights on resources; resource and trust policies name principals. */
  readonly kind: 'identity' | 'resource';
  readonly statements: readonly Statement[];
  readonly unreadable?: string;
}

const IDENTITY: readonly (readonly [string, string])[] = [
  ['aws_iam_role_policy', 'policy'],
  ['aws_iam_policy', 'policy'],
  ['aws_iam_user_policy', 'policy'],
  ['aws_iam_group_policy', 'policy'],
];
const RESOURCE: readonly (readonly [string, string])[] = [
  ['aws_iam_role', 'assume_role_policy'],
  ['aws_sqs_queue', 'policy'],
  ['aws_sqs_queue_policy', 'policy'],
  ['aws_sns_topic', 'policy'],
  ['aws_sns_topic_policy', 'policy'],
  ['aws_s3_bucket_policy', 'policy'],
  ['aws_kms_key', 'policy'],
  ['aws_secretsmanager_secret_policy', 'policy'],
];

const strings = (value: unknown): string[] =>
  value === undefined
    ? []
    : (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/** Every policy of the stack: JSON strings (parsed) and aws_iam_policy_document data sources. */
export function policiesOf(view: StackViewLike): Policy[] {
  const found: Policy[] = [];
  const add = (address: string, field: string, kind: Policy['kind'], value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    // A policy from an aws_iam_policy_document in this stack is checked as that document.
    if (view.referenced(value, ['data.aws_iam_policy_document'])) return;
    found.push({ address, field, kind, ...parsePolicy(value) });
  };
  for (const [list, kind] of [
    [IDENTITY, 'identity'],
    [RESOURCE, 'resource'],
  ] as const) {
    for (const [type, field] of list) {
      for (const r of view.resources(type)) add(r.address, field, kind, r.config[field]);
    }
  }
  for (const role of view.resources('aws_iam_role')) {
    const inline = role.config.inline_policy;
    for (const p of Array.isArray(inline) ? inline : inline ? [inline] : [])
      add(role.address, 'inline_policy', 'identity', p.policy);
  }
  for (const doc of view.resources('data.aws_iam_policy_document')) {
    const statements = (
      Array.isArray(doc.config.statement) ? doc.config.statement : [doc.config.statement ?? []].flat()
    ) as TfBlock[];
    found.push({
      address: doc.address,
      field: 'statement',
      kind: statements.some((s) => s.principals) ? 'resource' : 'identity',
      statements: statements.map((s) => ({
        effect: s.effect ?? 'Allow',
        actions: strings(s.actions),
        notActions: strings(s.not_actions),
        resources: strings(s.resources),
        notResources: strings(s.not_resources),
      })),
    });
  }
  return found;
}

function parsePolicy(value: unknown): { statements: Statement[]; unreadable?: string } {
  let doc: TfBlock;
  try {
    doc = typeof value === 'string' ? JSON.parse(value) : (value as TfBlock);
  } catch {
    return { statements: [], unreadable: String(value).slice(0, 80) };
  }
  const raw = doc?.Statement;
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as TfBlock[];
  return {
    statements: list.map((s) => ({
      effect: s.Effect,
      actions: strings(s.Action),
      notActions: strings(s.NotAction),
      resources: strings(s.Resource),
      notResources: strings(s.NotResource),
    })),
  };
}
