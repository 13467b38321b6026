import { isAllowed } from '@platform/iam-check';
import { isReadAction } from '@platform/constructs';
import { type DeployRequest, deployRequests, renamed } from './requests';
import { type Deployment, fixtureDeployment, topologyDeployments } from './world';

/*
 * The plan role against what it plans: each request the deploy role makes for a synthesized
 * resource, split by the Service Authorization Reference into reads (the plan role makes them when
 * Terraform refreshes) and writes (it never may).
 */
const deployments: Deployment[] = [fixtureDeployment(), ...topologyDeployments()];
const requestsOf = (d: Deployment) => d.stack.resources().flatMap((r) => deployRequests(d.stack, r));
const render = (r: DeployRequest) => `${r.for}: ${r.action} on ${r.resource}`;
/** As in deployRole.test.ts: KMS key IDs are random, consumed topics are named by their producer. */
const UNSCOPED = new Set(['account', 'httpApi', 'deploymentConfig', 'key', 'consumedTopic']);
const scopedByName = (r: DeployRequest) =>
  !UNSCOPED.has(r.target) && !(r.target === 'eventSourceMapping' && !r.context);

describe('Plan role: what a terraform plan of the services reads', () => {
  it.each(deployments.map((d) => [d.name, d] as const))('allows every read the plan of %s makes', (_, d) => {
    const reads = requestsOf(d).filter((r) => isReadAction(r.action));
    expect(reads.length).toBeGreaterThan(50);
    expect(reads.filter((r) => !isAllowed(d.planPolicies, r)).map(render)).toEqual([]);
  });

  it.each(deployments.map((d) => [d.name, d] as const))('allows none of the writes of %s', (_, d) => {
    const writes = requestsOf(d).filter((r) => !isReadAction(r.action));
    expect(writes.length).toBeGreaterThan(50);
    expect(writes.filter((r) => isAllowed(d.planPolicies, r)).map(render)).toEqual([]);
  });

  it.each(deployments.map((d) => [d.name, d] as const))(
    "reads another environment's names of its account for none of the reads of %s, and a new service's for all",
    (_, d) => {
      const otherEnvironment = d.environment === 'prod' ? 'dev' : 'prod';
      const reads = requestsOf(d).filter((r) => isReadAction(r.action) && scopedByName(r));
      const elsewhere = reads
        .map((r) => renamed(r, [d.service, d.environment], [d.service, otherEnvironment]))
        .filter((other) => isAllowed(d.planPolicies, other));
      expect(elsewhere.map(render)).toEqual([]);
      // A service that no role knows yet: its first pull request plans with these reads.
      const unknown = reads
        .map((r) => renamed(r, [d.service, d.environment], ['payments', d.environment]))
        .filter((other) => !isAllowed(d.planPolicies, other));
      expect(unknown.map(render)).toEqual([]);
    },
  );

  it('holds only Read and List actions of the Service Authorization Reference, and no data reads', () => {
    const [fixture] = deployments;
    const actions = fixture.planPolicies.flatMap((p) =>
      (Array.isArray(p.Statement) ? p.Statement : [p.Statement]).flatMap((s) => [s.Action ?? []].flat()),
    );
    // The state policy's own: read state, and assume itself (the provider's assume_role).
    expect(actions.filter((a) => !isReadAction(a))).toEqual(['sts:AssumeRole']);
    expect(actions).not.toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^(dynamodb:(GetItem|Query|Scan)|sqs:ReceiveMessage|secretsmanager:)/),
      ]),
    );
  });
});
