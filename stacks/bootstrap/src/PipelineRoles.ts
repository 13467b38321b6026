import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { suppress } from '@platform/constructs';
import { arn, partitionOf, policiesRoleArnOf, roleNameAndPath } from './arns';
import { type DeployPolicy, deployPolicies, planPolicies, type Wildcard } from './deployPolicies';
import { policyTooLarge, tooManyPolicies } from './errors';
import { allow, MANAGED_POLICY_MAX_CHARS, policyDocument, type Statement } from './policy';
import type { BootstrapStackConfig } from './types';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
/** IAM's hard limit of managed policies per role (the default quota is 10; raise it for more). */
export const MAX_POLICIES_PER_ROLE = 20;

/**
 * What GitHub Actions may do in the account, without long-lived keys: an OIDC identity provider for
 * GitHub, a deploy role that only jobs of this repository in the account's GitHub environment can
 * assume, and a read-only plan role for this repository's pull requests.
 */
export class PipelineRoles extends Construct {
  readonly provider: IamOpenidConnectProvider;
  readonly deployRole?: IamRole;
  /** Updates the deploy role's own managed policies (and nothing else), so a new service needs no administrator. */
  readonly policiesRole?: IamRole;
  readonly planRole: IamRole;

  constructor(scope: Construct, id: string, config: BootstrapStackConfig) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, 'github', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
    });
    // An account that no team deploys to has no environment to pin the deploy role to, and needs none.
    if (config.environment) {
      this.deployRole = this.createDeployRole(scope.node.id, config.environment, config);
      this.policiesRole = this.createPoliciesRole(config.environment, config);
    }
    this.planRole = this.createPlanRole(scope.node.id, config);
  }

  private createDeployRole(stack: string, environment: string, config: BootstrapStackConfig): IamRole {
    const role = this.role(
      'deploy',
      config.deployRoleArn,
      `repo:${config.repository}:environment:${environment}`,
      config,
    );
    this.attachAll(stack, role, config.deployRoleArn, deployPolicies(config), config);
    return role;
  }

  /**
   * The deploy workflow's first step in each environment: `terraform apply -target` of the deploy
   * role's policies and their attachments in this stack (README "Later changes"), so that a new
   * service's names are in the deploy role before its first deploy. Its rights are an inline
   * policy, which it cannot change: it may rewrite only the managed policies named
   * `<deploy role>-*`, attach them only to the deploy role, read what the targeted apply refreshes
   * (the deploy role and the GitHub OIDC provider), write this stack's state, and assume itself.
   */
  private createPoliciesRole(environment: string, config: BootstrapStackConfig): IamRole {
    const roleArn = policiesRoleArnOf(config.deployRoleArn);
    const role = this.role(
      'policies',
      roleArn,
      `repo:${config.repository}:environment:${environment}`,
      config,
    );
    const rights = new IamRolePolicy(this, 'policies-rights', {
      name: 'update-deploy-policies',
      role: role.name,
      policy: policyDocument(policiesStatements(config)),
    });
    justify(rights, [
      {
        pattern: deployPoliciesArn(config),
        reason:
          "the deploy role's own managed policies, <deploy role>-<area>, whose number grows with the services",
      },
    ]);
    return role;
  }

  private createPlanRole(stack: string, config: BootstrapStackConfig): IamRole {
    // Pull requests (cdktf diff) and the scheduled drift check on main (.github/workflows/drift.yml).
    const role = this.role(
      'plan',
      config.planRoleArn,
      [`repo:${config.repository}:pull_request`, `repo:${config.repository}:ref:refs/heads/main`],
      config,
    );
    const statements = planStatements(config);
    const state = this.attach(
      role,
      config.planRoleArn,
      'state',
      'Reads the Terraform state of the account',
      policyDocument(statements),
    );
    justify(
      state,
      statements
        .flatMap((st) => [st.Resource ?? []].flat())
        .filter((r) => r.includes('*'))
        .map((pattern) => ({
          pattern,
          reason:
            "the Terraform state of the account's services, each under its own key <service>/<environment>/",
        })),
    );
    // What a plan refreshes, read-only: no AWS-managed policy (PLAT-IAM-3), no read of anything else.
    this.attachAll(stack, role, config.planRoleArn, planPolicies(config), config);
    return role;
  }

  /** Each policy as a customer managed policy `<role>-<suffix>`, with its wildcards justified. */
  private attachAll(
    stack: string,
    role: IamRole,
    roleArn: string,
    policies: readonly DeployPolicy[],
    config: BootstrapStackConfig,
  ): void {
    if (policies.length > MAX_POLICIES_PER_ROLE) {
      throw tooManyPolicies(stack, policies.length, MAX_POLICIES_PER_ROLE, config.services.length);
    }
    for (const policy of policies) {
      const document = policyDocument(policy.statements);
      if (document.length > MANAGED_POLICY_MAX_CHARS) {
        throw policyTooLarge(
          stack,
          policy.suffix,
          document.length,
          MANAGED_POLICY_MAX_CHARS,
          config.services.length,
        );
      }
      justify(this.attach(role, roleArn, policy.suffix, policy.description, document), policy.wildcards);
    }
  }

  private role(
    id: 'deploy' | 'plan' | 'policies',
    roleArn: string,
    subject: string | readonly string[],
    config: BootstrapStackConfig,
  ): IamRole {
    const subjects = typeof subject === 'string' ? [subject] : subject;
    const { name, path } = roleNameAndPath(roleArn);
    return new IamRole(this, id, {
      name,
      path,
      description: `GitHub Actions of ${config.repository}, ${subjects.map((s) => s.split(':').slice(2).join(' ')).join(' or ')}`,
      maxSessionDuration: 3600,
      assumeRolePolicy: trustPolicy(this.provider.arn, subject, roleArn, config),
      dependsOn: [this.provider],
    });
  }

  /** A customer managed policy `<role name>-<suffix>`, attached to the role. */
  private attach(
    role: IamRole,
    roleArn: string,
    suffix: string,
    description: string,
    document: string,
  ): IamPolicy {
    const { name, path } = roleNameAndPath(roleArn);
    const id = `${role.node.id}-${suffix}`;
    const policy = new IamPolicy(this, id, {
      name: `${name}-${suffix}`,
      path,
      description,
      policy: document,
    });
    new IamRolePolicyAttachment(this, `${id}-attachment`, { role: role.name, policyArn: policy.arn });
    return policy;
  }
}

/**
 * Who may assume a pipeline role: GitHub's OIDC tokens whose `sub` is exactly this repository in
 * the given context (StringEquals: no wildcard, no other repository, branch or environment), and,
 * inside the account, the role itself (the stacks' provider assumes the role the pipeline already
 * holds) and the listed operator roles. The account root with an aws:PrincipalArn condition names
 * the role without IAM rejecting a principal that does not exist yet.
 */
export function trustPolicy(
  providerArn: string,
  subject: string | readonly string[],
  roleArn: string,
  config: BootstrapStackConfig,
): string {
  const statements: Statement[] = [
    {
      Sid: 'GitHubActions',
      Effect: 'Allow',
      Principal: { Federated: providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
          [`${GITHUB_OIDC_HOST}:sub`]: typeof subject === 'string' ? subject : [...subject],
        },
      },
    },
    {
      Sid: 'ItselfAndOperators',
      Effect: 'Allow',
      Principal: { AWS: arn(config.region, 'iam', '', config.accountId, 'root') },
      Action: 'sts:AssumeRole',
      Condition: { ArnLike: { 'aws:PrincipalArn': [roleArn, ...config.operatorRoleArns] } },
    },
  ];
  return policyDocument(statements);
}

/**
 * Suppresses PLAT-IAM-4 on the policy for exactly these patterns, one suppression per reason (the
 * synth report lists each accepted pattern once, with its reason).
 */
function justify(policy: Construct, wildcards: readonly Wildcard[]): void {
  const byReason = new Map<string, string[]>();
  for (const { pattern, reason } of wildcards)
    byReason.set(reason, [...(byReason.get(reason) ?? []), `Resource::${pattern}`]);
  for (const [reason, appliesTo] of byReason) suppress(policy, 'PLAT-IAM-4', reason, { appliesTo });
}

/** The deploy role's customer managed policies: `policy/<path><deploy role name>-*`. */
function deployPoliciesArn(config: BootstrapStackConfig): string {
  const { name, path } = roleNameAndPath(config.deployRoleArn);
  return arn(config.region, 'iam', '', config.accountId, `policy${path}${name}-*`);
}

/** What the policies role may do: see createPoliciesRole. */
export function policiesStatements(config: BootstrapStackConfig): Statement[] {
  const p = partitionOf(config.region);
  const deployPolicies = deployPoliciesArn(config);
  const bucket = `arn:${p}:s3:::${config.stateBuckets[config.region]}`;
  return [
    allow(
      'ManageDeployPolicies',
      [
        'iam:CreatePolicy',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
        'iam:ListPolicyVersions',
        'iam:ListPolicyTags',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicyVersion',
        'iam:DeletePolicy',
        'iam:TagPolicy',
        'iam:UntagPolicy',
      ],
      [deployPolicies],
    ),
    allow('AttachDeployPolicies', ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'], [config.deployRoleArn], {
      ArnLike: { 'iam:PolicyARN': [deployPolicies] },
    }),
    // The targeted apply refreshes what the attachments depend on: the role and its trust's provider.
    allow(
      'ReadDeployRole',
      ['iam:GetRole', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies'],
      [config.deployRoleArn],
    ),
    allow(
      'ReadGitHubProvider',
      ['iam:GetOpenIDConnectProvider'],
      [arn(config.region, 'iam', '', config.accountId, `oidc-provider/${GITHUB_OIDC_HOST}`)],
    ),
    allow('ListStateBucket', ['s3:ListBucket'], [bucket]),
    // The copy's provider assumes the role the job already holds (as the deploy role's does).
    allow('AssumeItself', ['sts:AssumeRole'], [policiesRoleArnOf(config.deployRoleArn)]),
    allow(
      'ReadWriteBootstrapState',
      ['s3:GetObject', 's3:PutObject'],
      [`${bucket}/${config.stateKey}`, `${bucket}/${config.stateKey}.tflock`],
    ),
    allow('ReleaseBootstrapStateLock', ['s3:DeleteObject'], [`${bucket}/${config.stateKey}.tflock`]),
  ];
}

/** The plan role reads state (planPolicies read the resources) and assumes itself; it never writes. */
function planStatements(config: BootstrapStackConfig): Statement[] {
  const p = partitionOf(config.region);
  // Any service of the environment: a new service's first pull request reads its (missing) state.
  const objects = config.environment
    ? Object.values(config.stateBuckets).map((b) => `arn:${p}:s3:::${b}/*/${config.environment}/*`)
    : [];
  return [
    allow(
      'ListStateBuckets',
      ['s3:ListBucket'],
      Object.values(config.stateBuckets).map((b) => `arn:${p}:s3:::${b}`),
    ),
    ...(objects.length ? [allow('ReadServiceState', ['s3:GetObject'], [...new Set(objects)])] : []),
    allow('AssumeItself', ['sts:AssumeRole'], [config.planRoleArn]),
  ];
}
