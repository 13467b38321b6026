import type { Construct } from 'constructs';
import {
  invalidStackConfig,
  linksNotWired,
  missingEnvironmentValue,
  streamSubscribedTwice,
  undeclaredStream,
  unknownEnvironment,
} from './errors';
import { EventTopic } from './EventTopic';
import { PlatformStack } from './PlatformStack';
import { ServiceDashboard } from './ServiceDashboard';
import type { ServiceStackConfig } from './types';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const SNS_ARN = /^arn:aws[\w-]*:sns:([a-z0-9-]+):(\d{12}):[\w-]{1,256}$/;

/**
 * The base of every `stacks/<service>` stack: one service in one environment, pinned to
 * that environment's AWS account, with its own encrypted, locked S3 state, and the guardrails
 * checked at every synth.
 */
export class ServiceStack extends PlatformStack {
  readonly config: ServiceStackConfig;
  private readonly topics = new Map<string, EventTopic>();
  private readonly subscriptions = new Map<string, string>();
  private calledApi?: string;
  private dashboard?: ServiceDashboard;

  constructor(scope: Construct, id: string, config: ServiceStackConfig) {
    // Checked before the stack exists: a bad config leaves nothing half-built in the app.
    validateConfig(id, config);
    super(scope, id, {
      accountId: config.accountId,
      region: config.region,
      tags: serviceTags(config),
      assumeRole: { roleArn: config.deployRoleArn, sessionName: `${config.service}-${config.environment}` },
      stateBucket: config.stateBucket,
      stateKey: config.stateKey,
      deployedByPipeline: true,
      settingsPath: settingsPathOf(config),
    });
    this.config = config;
    for (const stream of config.links?.publishes ?? []) {
      this.topics.set(
        stream.stream,
        new EventTopic(this, `stream-${stream.stream.replace(/\./g, '-')}`, stream),
      );
    }
    // At synth, once the stack is built: every consumed stream is delivered to a queue.
    this.node.addValidation({ validate: () => this.unwiredLinks() });
  }

  /** The topic of a stream this service publishes (topology `publishes`): grant with `fn.grantPublish(topic)`. */
  eventTopic(stream: string): EventTopic {
    const topic = this.topics.get(stream);
    if (!topic) throw undeclaredStream(this.node.id, stream, [...this.topics.keys()], this.config.service);
    return topic;
  }

  /** @internal SqsConsumer.subscribe: one queue per consumed stream. */
  registerSubscription(ref: string, queue: string, construct: string): void {
    const other = this.subscriptions.get(ref);
    if (other !== undefined) throw streamSubscribedTwice(construct, ref, `SqsConsumer "${other}"`);
    this.subscriptions.set(ref, queue);
  }

  /** @internal HttpApi: the API that the topology's callers are given; returns the first one's id. */
  claimCalledApi(api: string): string {
    this.calledApi ??= api;
    return this.calledApi;
  }

  private unwiredLinks(): string[] {
    const links = this.config.links;
    if (!links) return [];
    const problems = links.consumes
      .map((c) => `${c.service}/${c.stream}`)
      .filter((ref) => !this.subscriptions.has(ref))
      .map(
        (ref) =>
          `the service consumes "${ref}", but no queue receives it. Call consumer.subscribe("${ref}") on the SqsConsumer that processes it, or remove it from services.${this.config.service}.consumes.`,
      );
    if (links.callers.length > 0 && this.calledApi === undefined) {
      problems.push(
        `functions of other services may call ${[...new Set(links.callers.flatMap((c) => c.routes))].join(', ')}, but the stack has no HttpApi. Add the HttpApi with those routes, or remove them from services.${this.config.service}.routes.`,
      );
    }
    return problems.length > 0 ? [linksNotWired(this.node.id, problems).message] : [];
  }

  /** Tags on every resource, via the provider's default_tags. */
  get tags(): Record<string, string> {
    return serviceTags(this.config);
  }

  /** The environment's SNS topic that every alarm of this stack notifies. */
  get alarmTopicArn(): string {
    return this.config.alarmTopicArn;
  }

  /** `/<environment>/<service>/`: the SSM path of the service's settings. */
  get settingsPath(): string {
    return settingsPathOf(this.config);
  }

  /** `<service>-<environment>-`: the prefix of every AWS name in the stack. */
  get namePrefix(): string {
    return `${this.config.service}-${this.config.environment}-`;
  }

  /**
   * The service's CloudWatch dashboard, `<service>-<environment>-dashboard`: created by the first construct
   * that adds itself (functions, queues, HTTP APIs), so a stack without them has none.
   */
  serviceDashboard(): ServiceDashboard {
    this.dashboard ??= new ServiceDashboard(this, 'service-dashboard', {
      service: this.config.service,
      environment: this.config.environment,
      region: this.config.region,
      name: this.resourceName('dashboard'),
    });
    return this.dashboard;
  }

  /** `<service>-<environment>-<suffix>`: unique per account, readable in the console. */
  resourceName(suffix: string): string {
    return `${this.namePrefix}${suffix}`;
  }

  /**
   * The value for this stack's environment, e.g. `this.byEnvironment({ prod: 5 }, 0)`.
   * Names that are not environments of the topology are an error, so a typo cannot silently
   * fall back.
   */
  byEnvironment<T>(values: Readonly<Record<string, T>>, fallback?: T): T {
    const known = this.config.environments;
    for (const name of Object.keys(values)) {
      if (known ? !known.includes(name) : !NAME.test(name)) {
        throw unknownEnvironment(this.node.id, 'byEnvironment()', name, known ?? [this.config.environment]);
      }
    }
    if (Object.hasOwn(values, this.config.environment)) return values[this.config.environment];
    if (fallback === undefined)
      throw missingEnvironmentValue(this.node.id, this.config.environment, Object.keys(values));
    return fallback;
  }
}

const settingsPathOf = ({ environment, service }: ServiceStackConfig) => `/${environment}/${service}/`;

function serviceTags(config: ServiceStackConfig): Record<string, string> {
  const { service, environment, team, repository } = config;
  return { service, environment, team, repository, 'managed-by': 'cdktf' };
}

function validateConfig(stack: string, config: ServiceStackConfig): void {
  const { service, environment, environments, accountId, region, alarmTopicArn, stateKey } = config;
  if (!NAME.test(service))
    throw invalidStackConfig(stack, 'service', service, 'Use lowercase kebab-case (e.g. "orders").');
  if (!NAME.test(environment)) {
    throw invalidStackConfig(stack, 'environment', environment, 'Use lowercase kebab-case (e.g. "dev").');
  }
  if (environments && !environments.includes(environment)) {
    throw unknownEnvironment(stack, 'environment', environment, environments);
  }
  if (!ACCOUNT_ID.test(accountId)) {
    throw invalidStackConfig(stack, 'accountId', accountId, 'An AWS account ID is exactly 12 digits.');
  }
  if (!REGION.test(region))
    throw invalidStackConfig(stack, 'region', region, 'Use an AWS region code such as "eu-west-1".');
  const topic = SNS_ARN.exec(alarmTopicArn);
  if (!topic || topic[1] !== region || topic[2] !== accountId) {
    throw invalidStackConfig(
      stack,
      'alarmTopicArn',
      alarmTopicArn,
      `Use the SNS topic ARN of the account's alarm topic in ${region}: arn:aws:sns:${region}:${accountId}:<topic>.`,
    );
  }
  if (!stateKey.includes(`${service}/${environment}`)) {
    throw invalidStackConfig(
      stack,
      'stateKey',
      stateKey,
      `Use "${service}/${environment}/terraform.tfstate", unique to this stack.`,
    );
  }
}
