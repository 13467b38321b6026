import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { suppress } from '@platform/constructs';
import { arn, partitionOf, roleNameAndPath } from './arns';
import { deployPolicies } from './deployPolicies';
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
  readonly planRole: IamRole;

  constructor(scope: Construct, id: string, config: BootstrapStackConfig) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, 'github', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
    });
    // An account that no team deploys to has no environment to pin the deploy role to, and needs none.
    if (config.environment)
      this.deployRole = this.createDeployRole(scope.node.id, config.environment, config);
    this.planRole = this.createPlanRole(config);
  }

  private createDeployRole(stack: string, environment: string, config: BootstrapStackConfig): IamRole {
    const role = this.role(
      'deploy',
      config.deployRoleArn,
      `repo:${config.repository}:environment:${environment}`,
      config,
    );
    const policies = deployPolicies(config);
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
      const managed = this.attach(role, config.deployRoleArn, policy.suffix, policy.description, document);
      if (policy.accountWide) suppress(managed, 'PLAT-IAM-2', policy.accountWide);
    }
    return role;
  }

  private createPlanRole(config: BootstrapStackConfig): IamRole {
    const role = this.role('plan', config.planRoleArn, `repo:${config.repository}:pull_request`, config);
    new IamRolePolicyAttachment(this, 'plan-read-only', {
      role: role.name,
      policyArn: `arn:${partitionOf(config.region)}:iam::aws:policy/ReadOnlyAccess`,
    });
    const state = policyDocument(planStatements(config));
    this.attach(role, config.planRoleArn, 'state', 'Reads the Terraform state of the account', state);
    return role;
  }

  private role(
    id: 'deploy' | 'plan',
    roleArn: string,
    subject: string,
    config: BootstrapStackConfig,
  ): IamRole {
    const { name, path } = roleNameAndPath(roleArn);
    return new IamRole(this, id, {
      name,
      path,
      description: `GitHub Actions of ${config.repository}, ${subject.split(':').slice(2).join(' ')}`,
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
  subject: string,
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
          [`${GITHUB_OIDC_HOST}:sub`]: subject,
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

/** The plan role reads state (ReadOnlyAccess reads the rest) and assumes itself; it never writes. */
function planStatements(config: BootstrapStackConfig): Statement[] {
  const p = partitionOf(config.region);
  const objects = config.environment
    ? config.services.flatMap((s) =>
        s.regions.map((r) => `arn:${p}:s3:::${config.stateBuckets[r]}/${s.name}/${config.environment}/*`),
      )
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
