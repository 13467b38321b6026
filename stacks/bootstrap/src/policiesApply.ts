import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policiesRoleArnOf } from './arns';

/** Terraform JSON is untyped. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- see above

/** One account's targeted apply of the deploy role's policies. */
export interface PoliciesApply {
  /** The bootstrap stack, e.g. `bootstrap-commerce-dev`. */
  readonly stack: string;
  /** Where Terraform runs: a copy of the stack whose provider assumes the policies role. */
  readonly dir: string;
  readonly roleArn: string;
  /** `aws_iam_policy.<id>` and `aws_iam_role_policy_attachment.<id>` of the deploy role. */
  readonly targets: readonly string[];
}

/** Construct ids of PipelineRoles: the deploy role is `pipeline/deploy`, its policies `pipeline/deploy-<area>`. */
const DEPLOY_ROLE = /^pipeline_deploy_[0-9A-F]{8}$/;
const DEPLOY_POLICY = /^pipeline_deploy-[\w-]+_[0-9A-F]{8}$/;

/**
 * Prepares the deploy workflow's first step in an environment: for each account whose deploy role
 * that environment's jobs assume, a copy of its synthesized bootstrap stack in `outdir/<stack>/`
 * whose AWS provider assumes the policies role (so tools/ci/bin/aws-credentials.ts hands Terraform
 * that role, as it hands service stacks the deploy role), and the `-target` list (`targets`, one
 * per line) that limits the apply to the deploy role's policies and their attachments. A new
 * service's names thus reach its team's deploy role before its first deploy, with no administrator.
 */
export function preparePoliciesApply(synthDir: string, environment: string, outdir: string): PoliciesApply[] {
  const stacks = readdirSync(join(synthDir, 'stacks')).filter((s) => s.startsWith('bootstrap-'));
  const found = new Map<string, Json>();
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(join(synthDir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Json;
    const deployRole = Object.entries((json.resource?.aws_iam_role ?? {}) as Record<string, Json>).find(
      ([id]) => DEPLOY_ROLE.test(id),
    );
    if (deployRole) found.set(stack, { json, role: deployRole[1], env: environmentOf(deployRole[1]) });
  }
  const chosen = [...found].filter(([, f]) => f.env === environment);
  if (chosen.length === 0) {
    const known = [...new Set([...found.values()].map((f) => f.env))].sort();
    throw new Error(
      `No bootstrap stack in ${synthDir} has a deploy role for environment "${environment}" ` +
        `(found: ${known.join(', ') || 'none'}). Synthesize them first: PLATFORM_STACKS='bootstrap-*' npx tsx stacks/main.ts, ` +
        `and pass one of the environments of stacks/topology.ts.`,
    );
  }
  return chosen.map(([stack, { json, role }]) => {
    const accountId: string = json.provider.aws[0].allowed_account_ids[0];
    const path: string = role.path ?? '/';
    const roleArn = policiesRoleArnOf(`arn:${partition(json)}:iam::${accountId}:role${path}${role.name}`);
    const targets = ['aws_iam_policy', 'aws_iam_role_policy_attachment'].flatMap((type) =>
      Object.keys(json.resource[type] ?? {})
        .filter((id) => DEPLOY_POLICY.test(id) || DEPLOY_POLICY.test(id.replace(/-attachment_/, '_')))
        .map((id) => `${type}.${id}`),
    );
    const [provider, ...others] = json.provider.aws as Json[];
    const copy = {
      ...json,
      provider: {
        ...json.provider,
        aws: [
          { ...provider, assume_role: [{ role_arn: roleArn, session_name: `${stack}-policies` }] },
          ...others,
        ],
      },
    };
    const dir = join(outdir, stack);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(copy, null, 2));
    writeFileSync(join(dir, 'targets'), targets.map((t) => `-target=${t}`).join('\n') + '\n');
    return { stack, dir, roleArn, targets };
  });
}

/** `dev` of a role trusting `repo:<owner>/<repo>:environment:dev`. */
function environmentOf(role: Json): string | undefined {
  const statements = JSON.parse(role.assume_role_policy).Statement as Json[];
  const subjects = statements.map(
    (s) => s.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub'],
  );
  return subjects.map((s) => /:environment:([\w-]+)$/.exec(s ?? '')?.[1]).find(Boolean);
}

const partition = (json: Json) => {
  const region: string = json.provider.aws[0].region;
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
};
