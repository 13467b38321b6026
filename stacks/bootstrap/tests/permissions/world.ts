import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, Testing, type TerraformStack } from 'cdktf';
import type { ServiceStackConfig } from '@platform/constructs';
import { AllConstructsStack, FIXTURE_FUNCTIONS, writeBundles } from '@platform/constructs/testing';
import { type PolicyDocument, SynthesizedStack, type TerraformJson } from '@platform/iam-check';
import type BootstrapStack from '../../src/stack';
import { quietly, synth } from '../helpers';

/** One service stack as deployed: its Terraform, and the deploy role of its account that applies it. */
export interface Deployment {
  readonly name: string;
  readonly service: string;
  readonly environment: string;
  /** A service of another team: its names must be out of this deploy role's reach. */
  readonly sibling: string;
  readonly stack: SynthesizedStack;
  /** The deploy role's customer managed policies, as synthesized by the account's bootstrap stack. */
  readonly deployPolicies: readonly PolicyDocument[];
  /** The plan role's customer managed policies (it has no other). */
  readonly planPolicies: readonly PolicyDocument[];
  readonly deployRoleArn: string;
  readonly planRoleArn: string;
  /** Every policy of the account's bootstrap stack (deploy and plan roles), by resource address. */
  readonly bootstrapPolicies: readonly [string, PolicyDocument][];
}

const workspace = join(__dirname, '..', '..', '..', '..');
/** Stub bundles (empty zips), shared by the test files: the same bytes whoever writes them. */
const artifacts = join(tmpdir(), `bootstrap-permissions-${process.getuid?.() ?? 'user'}`);

/** The every-construct fixture as service "orders" in commerce-dev, and that account's bootstrap stack. */
export function fixtureDeployment(): Deployment {
  const bootstrap = synth();
  const config: ServiceStackConfig = {
    organization: 'acme',
    repository: 'acme/platform',
    service: 'orders',
    environment: 'dev',
    environments: ['dev', 'staging', 'prod'],
    team: 'commerce',
    accountId: bootstrap.stack.config.accountId,
    region: bootstrap.stack.config.region,
    deployRoleArn: bootstrap.stack.config.deployRoleArn,
    stateBucket: 'acme-tfstate-111111111111-eu-west-1',
    stateKey: 'orders/dev/terraform.tfstate',
    alarmTopicArn: 'arn:aws:sns:eu-west-1:111111111111:acme-alarms',
    artifactsDir: join(artifacts, 'fixture'),
  };
  writeBundles(config.artifactsDir, ...FIXTURE_FUNCTIONS);
  const { result: json } = quietly(() =>
    JSON.parse(Testing.synth(new AllConstructsStack(Testing.app() as App, 'orders-dev', config))),
  );
  return {
    name: 'orders-dev (every construct)',
    service: 'orders',
    environment: 'dev',
    sibling: 'reports',
    stack: new SynthesizedStack(json),
    deployPolicies: deployPoliciesOf(bootstrap.json, bootstrap.stack.config.deployRoleArn),
    planPolicies: deployPoliciesOf(bootstrap.json, bootstrap.stack.config.planRoleArn),
    deployRoleArn: bootstrap.stack.config.deployRoleArn,
    planRoleArn: bootstrap.stack.config.planRoleArn,
    bootstrapPolicies: policiesIn(new SynthesizedStack(bootstrap.json)),
  };
}

interface AppModule {
  buildApp(options: {
    topology: unknown;
    bootstrap: boolean;
    outdir: string;
    stacksDir: string;
    artifactsRoot: string;
  }): App;
}
interface ServiceStackLike extends TerraformStack {
  readonly config: ServiceStackConfig;
}

/**
 * Every stack of the real topology (stacks/topology.ts), built by the app itself: each service
 * stack with the bootstrap stack of its account. Loaded at run time, as the app loads stacks:
 * bootstrap-stack depends on `stacks` (implicitDependencies), and module boundaries refuse a
 * static import of another project's file.
 */
export function topologyDeployments(): Deployment[] {
  const load = (file: string) => require(join(workspace, 'stacks', file)); // eslint-disable-line @typescript-eslint/no-require-imports -- see above
  const { buildApp } = load('lib/app') as AppModule;
  const { topology } = load('topology') as { topology: { services: Record<string, unknown> } };
  for (const service of Object.keys(topology.services)) {
    const handlers = readdirSync(join(workspace, 'apps', service, 'src', 'handlers'));
    writeBundles(join(artifacts, service), ...handlers.map((h) => h.replace(/\.ts$/, '')));
  }
  const { result: stacks } = quietly(() => {
    const app = buildApp({
      topology,
      bootstrap: true,
      outdir: join(artifacts, 'out'),
      stacksDir: join(workspace, 'stacks'),
      artifactsRoot: artifacts,
    });
    return app.node.children.map((stack) => ({
      stack: stack as TerraformStack,
      json: JSON.parse(Testing.synth(stack as TerraformStack)) as TerraformJson,
    }));
  });
  const bootstraps = stacks.filter((s) => s.stack.node.id.startsWith('bootstrap-'));
  const services = Object.keys(topology.services);
  return stacks
    .filter((s) => !s.stack.node.id.startsWith('bootstrap-'))
    .map(({ stack, json }) => {
      const { config } = stack as ServiceStackLike;
      const account = bootstraps.find(
        (b) =>
          (b.stack as BootstrapStack).config.accountId === config.accountId &&
          (b.stack as BootstrapStack).config.primary,
      );
      if (!account) throw new Error(`No bootstrap stack for ${stack.node.id}'s account ${config.accountId}`);
      const { deployRoleArn, planRoleArn } = (account.stack as BootstrapStack).config;
      return {
        name: stack.node.id,
        service: config.service,
        environment: config.environment,
        sibling: services.find((s) => s !== config.service) ?? 'payments',
        stack: new SynthesizedStack(json),
        deployPolicies: deployPoliciesOf(account.json, deployRoleArn),
        planPolicies: deployPoliciesOf(account.json, planRoleArn),
        deployRoleArn,
        planRoleArn,
        bootstrapPolicies: policiesIn(new SynthesizedStack(account.json)),
      };
    });
}

/** A pipeline role's customer managed policies (`<role name>-<area>`) in a bootstrap stack. */
function deployPoliciesOf(json: TerraformJson, deployRoleArn: string): PolicyDocument[] {
  const role = deployRoleArn.slice(deployRoleArn.lastIndexOf('/') + 1);
  return Object.values((json.resource?.aws_iam_policy ?? {}) as Record<string, TerraformJson>)
    .filter((p) => p.name.startsWith(`${role}-`))
    .map((p) => JSON.parse(p.policy) as PolicyDocument);
}

/**
 * Every IAM policy a stack declares, references resolved, by resource address: managed and inline
 * policies, the roles' trust policies, and resource policies (state bucket, alarm topic, queues).
 */
export function policiesIn(stack: SynthesizedStack): [string, PolicyDocument][] {
  const documents = (type: string, key: string) =>
    stack
      .resources(type)
      .map((r): [string, PolicyDocument] => [`${type}.${r.name}`, JSON.parse(stack.resolve(r.config[key]))]);
  return [
    ...documents('aws_iam_policy', 'policy'),
    ...documents('aws_iam_role_policy', 'policy'),
    ...documents('aws_iam_role', 'assume_role_policy'),
    ...documents('aws_s3_bucket_policy', 'policy'),
    ...documents('aws_sns_topic_policy', 'policy'),
    ...documents('aws_sqs_queue_policy', 'policy'),
  ];
}
