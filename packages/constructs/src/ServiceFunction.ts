import { AssetType, Lazy, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { arn, functionArn, partitionOf } from './arns';
import { AsyncInvocation, validateAsyncOptions } from './AsyncInvocation';
import {
  asyncAlreadyConfigured,
  environmentVariableAlreadySet,
  settingsAlreadyGranted,
  tableAlreadyGranted,
  undeclaredCall,
} from './errors';
import type { PublishTarget } from './EventTopic';
import { functionAlarms, validateAlarmOptions } from './FunctionAlarms';
import type { AsyncInvocationOptions, TrafficShiftingOptions } from './functionParts';
import {
  type ResolvedFunctionProps,
  type ServiceFunctionProps,
  functionEnvironment,
  resolveFunctionProps,
  validateFunctionProps,
  validateVariableName,
} from './functionProps';
import {
  type SettingsAccess,
  type TableAccess,
  secretStatements,
  settingsStatements,
  SSM_KEYS_REASON,
  ssmKeys,
  tableActions,
  tableStatements,
  validateDeclaration,
  validateSecretName,
} from './grants';
import { suppress } from './guardrails/suppress';
import { allow, assumeRolePolicy, policyDocument, type PolicyStatement } from './iam';
import { LIVE_ALIAS, checkedId, streamTopicVariable } from './names';
import type { ServiceStack } from './ServiceStack';
import type { TableTarget } from './Table';
import { TrafficShifting } from './TrafficShifting';
import type { SendTarget, SettingsDeclaration } from './types';

/**
 * One Lambda function of a service, from its prebuilt zip `<artifactsDir>/<id>.zip`: Node.js 22 on
 * arm64, X-Ray tracing, JSON logs into a log group it owns, a role of its own with only the rights
 * granted to it, a published version behind the `live` alias, and alarms to the stack's topic.
 */
export class ServiceFunction extends Construct {
  readonly stack: ServiceStack;
  readonly function: LambdaFunction;
  /** The `live` alias: what schedules, queues and APIs invoke. */
  readonly alias: LambdaAlias;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  /** `<service>-<environment>-<id>`, also the role's name. */
  readonly functionName: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly reservedConcurrency?: number;
  readonly alarms: readonly CloudwatchMetricAlarm[];
  readonly trafficShifting?: TrafficShifting;
  private asyncConfig?: AsyncInvocation;
  private readonly variables: Record<string, string>;
  private readonly grants = new Map<string, IamRolePolicy>();

  constructor(stack: ServiceStack, id: string, props: ServiceFunctionProps = {}) {
    super(stack, checkedId(stack, id, `Function "${id}"`));
    validateProps(id, props);
    const resolved = resolveFunctionProps(stack, id, props);
    this.stack = stack;
    this.functionName = resolved.functionName;
    this.memorySize = resolved.memorySize;
    this.timeout = resolved.timeout;
    this.reservedConcurrency = resolved.reservedConcurrency;
    this.variables = functionEnvironment(stack, resolved.logLevel, props.environment);

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${this.functionName}`,
      retentionInDays: resolved.logRetentionDays,
    });
    this.role = this.createRole();
    this.function = this.createFunction(resolved);
    this.alias = this.createAlias(props.trafficShifting !== undefined);
    if (resolved.provisionedConcurrency !== undefined) this.provision(resolved.provisionedConcurrency);
    if (props.asyncInvocation) this.configureAsyncInvocation(props.asyncInvocation);
    this.alarms = functionAlarms(
      this,
      { id, service: stack.config.service, environment: stack.config.environment, ...resolved },
      stack.alarmTopicArn,
      props.alarms,
    );
    if (props.trafficShifting) this.trafficShifting = this.createTrafficShifting(props.trafficShifting);
    stack.serviceDashboard().addFunction({
      id,
      service: stack.config.service,
      environment: stack.config.environment,
      functionName: this.functionName,
      timeout: this.timeout,
      reservedConcurrency: this.reservedConcurrency,
    });
  }

  /** The `live` alias ARN (a reference): what event sources, APIs and schedules invoke. */
  get aliasArn(): string {
    return this.alias.arn;
  }

  /** The `live` alias ARN as a literal, for policies. */
  get aliasArnLiteral(): string {
    return functionArn(this.stack.config, this.functionName, LIVE_ALIAS);
  }

  /** The async invocation config, once configured (by the asyncInvocation prop or a Schedule). */
  get asyncInvocation(): AsyncInvocation | undefined {
    return this.asyncConfig;
  }

  /** Retries, maximum event age and an on-failure DLQ for asynchronous invocations. Once per function. */
  configureAsyncInvocation(options: AsyncInvocationOptions = {}): AsyncInvocation {
    if (this.asyncConfig) throw asyncAlreadyConfigured(this.node.id);
    this.asyncConfig = new AsyncInvocation(this, 'async', options);
    return this.asyncConfig;
  }

  /** sqs:SendMessage (single and batch) on exactly this queue. */
  grantSend(queue: SendTarget): void {
    this.grantOnce(`send-${queue.node.id}`, [allow(['sqs:SendMessage'], [queue.queueArn])]);
  }

  /**
   * Publishing to an event stream of this service (`stack.eventTopic(stream)`): sns:Publish on exactly
   * its topic, use of its key to encrypt, the function's role added to the topic policy's publishers,
   * and the topic's ARN in `STREAM_<STREAM>_TOPIC_ARN` (`order.accepted` -> `STREAM_ORDER_ACCEPTED_TOPIC_ARN`),
   * where @platform/queue's `publishEvents(stream, ...)` finds it.
   */
  grantPublish(topic: PublishTarget): void {
    this.grantOnce(`publish-${topic.node.id}`, [
      allow(['sns:Publish'], [topic.topicArn]),
      // SNS encrypts with the topic's key on the publisher's behalf.
      allow(['kms:GenerateDataKey', 'kms:Decrypt'], [topic.keyArn]),
    ]);
    topic.allowPublisher(this.roleArnLiteral);
    const variable = streamTopicVariable(topic.stream);
    if (!Object.hasOwn(this.variables, variable)) this.addEnvironment(variable, topic.topicArn);
  }

  /**
   * Calling routes of another service's HTTP API, as the topology's `routes` allow this function:
   * sts:AssumeRole on exactly the invoker role the other service's stack made for it, whose ARN goes
   * into `SERVICE_<SERVICE>_INVOKER_ROLE_ARN`, and the SSM parameter holding that API's URL (read with
   * the invoker role) into `SERVICE_<SERVICE>_API_URL_PARAMETER`: what @platform/http-client needs.
   */
  grantCall(service: string): void {
    const calls = this.stack.config.links?.calls ?? [];
    const call = calls.find((c) => c.service === service && c.function === this.node.id);
    if (!call) {
      throw undeclaredCall(
        this.node.id,
        service,
        this.stack.config.service,
        calls.filter((c) => c.function === this.node.id).map((c) => c.service),
      );
    }
    this.grantOnce(`call-${service}`, [allow(['sts:AssumeRole'], [call.invokerRoleArn])]);
    const prefix = `SERVICE_${service.toUpperCase().replace(/-/g, '_')}`;
    this.addEnvironment(`${prefix}_INVOKER_ROLE_ARN`, call.invokerRoleArn);
    this.addEnvironment(`${prefix}_API_URL_PARAMETER`, call.apiUrlParameterArn);
  }

  /** The role's ARN as a literal, for other accounts' and resources' policies. */
  get roleArnLiteral(): string {
    const { accountId, region } = this.stack.config;
    return `arn:${partitionOf(region)}:iam::${accountId}:role/${this.functionName}`;
  }

  /**
   * Read rights on the service's settings: the parameters under `/<env>/<service>/` (or, with
   * `access: 'parameters'`, exactly the declared ones), kms:Decrypt for SecureStrings through SSM
   * only, and GetSecretValue on exactly the declared secrets.
   */
  grantSettings(declaration: SettingsDeclaration, options: { readonly access?: SettingsAccess } = {}): void {
    validateDeclaration(`Function "${this.node.id}" grantSettings()`, declaration);
    if (this.grants.has('read-settings')) throw settingsAlreadyGranted(this.node.id);
    const statements = settingsStatements(
      this.stack.config,
      this.stack.settingsPath,
      declaration,
      options.access ?? 'path',
    );
    if (statements.length === 0) return;
    const policy = this.grantOnce('read-settings', statements);
    if (declaration.parameters.some((p) => p.secure)) {
      suppress(policy, 'PLAT-IAM-4', SSM_KEYS_REASON, {
        appliesTo: [`Resource::${ssmKeys(this.stack.config)}`],
      });
    }
  }

  /** secretsmanager:GetSecretValue on exactly this secret. */
  grantSecret(name: string): void {
    validateSecretName(`Function "${this.node.id}" grantSecret()`, name);
    this.grantOnce(
      `read-secret-${name.replace(/[^\w-]+/g, '-')}`,
      secretStatements(this.stack.config, [name]),
    );
  }

  /**
   * DynamoDB actions on exactly this table: `'read'`, `'write'`, `'readWrite'`, or the listed actions
   * (e.g. `IDEMPOTENCY_TABLE_ACCESS`). Once per table, with every action the function needs.
   */
  grantTable(table: TableTarget, access: TableAccess): void {
    const construct = `Function "${this.node.id}" grantTable(${table.node.id})`;
    const actions = tableActions(construct, access);
    const name = `table-${table.node.id}`;
    if (this.grants.has(name)) throw tableAlreadyGranted(construct);
    this.grantOnce(name, tableStatements(table.tableArn, actions));
  }

  /**
   * Alarms outside the function that also roll its deployments back, e.g. its HTTP API's 5xx rate and
   * latency (HttpApi adds them for every function it routes to). Without trafficShifting, nothing to do.
   */
  addRollbackAlarms(alarms: readonly CloudwatchMetricAlarm[]): void {
    this.trafficShifting?.addAlarms({
      names: alarms.map((a) => a.alarmNameInput ?? a.alarmName),
      references: alarms.map((a) => a.alarmName),
    });
  }

  /** A non-secret configuration value (the guardrails reject secret-looking names with literal values). */
  addEnvironment(name: string, value: string): void {
    validateVariableName(this.node.id, name);
    if (Object.hasOwn(this.variables, name)) throw environmentVariableAlreadySet(this.node.id, name);
    this.variables[name] = value;
  }

  /** The function's own role: assumable by Lambda only; rights come from addPolicy and the grants. */
  private createRole(): IamRole {
    return new IamRole(this, 'role', {
      name: this.functionName,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
    });
  }

  private createFunction(resolved: ResolvedFunctionProps): LambdaFunction {
    // A ready zip as FILE: ARCHIVE would spawn a zip process per asset per stack (~190 ms each).
    const code = new TerraformAsset(this, 'code', { path: resolved.zipPath, type: AssetType.FILE });
    const basicExecution = this.addPolicy('basic-execution', [
      allow(
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        [arn(this.stack.config, 'logs', `log-group:/aws/lambda/${this.functionName}:*`)],
      ),
      // X-Ray writes have no resource type: IAM accepts only "*" for them (allowed by PLAT-IAM-2).
      allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], ['*']),
    ]);
    return new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      description: resolved.description,
      role: this.role.arn,
      filename: code.path,
      sourceCodeHash: code.assetHash,
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      memorySize: resolved.memorySize,
      timeout: resolved.timeout,
      publish: true,
      tracingConfig: { mode: 'Active' },
      // Lambda filters JSON application logs by level (INFO when unset) and sets AWS_LAMBDA_LOG_LEVEL.
      // TRACE lets every line through: the logger alone filters, by LOG_LEVEL and then the log-level and
      // debug-sample-rate settings, so a sampled DEBUG line or a level changed in SSM reaches CloudWatch.
      loggingConfig: {
        logFormat: 'JSON',
        logGroup: this.logGroup.name,
        applicationLogLevel: 'TRACE',
        systemLogLevel: 'INFO',
      },
      ...(resolved.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: resolved.reservedConcurrency }
        : {}),
      // Lazy: grants and addEnvironment() may add variables after construction.
      environment: {
        variables: Lazy.anyValue({ produce: () => ({ ...this.variables }) }) as unknown as Record<
          string,
          string
        >,
      },
      dependsOn: [this.logGroup, basicExecution],
    });
  }

  private createAlias(trafficShifting: boolean): LambdaAlias {
    return new LambdaAlias(this, 'live', {
      name: LIVE_ALIAS,
      functionName: this.function.functionName,
      functionVersion: this.function.version,
      // With traffic shifting CodeDeploy moves the alias; Terraform must not move it back.
      ...(trafficShifting ? { lifecycle: { ignoreChanges: ['function_version', 'routing_config'] } } : {}),
    });
  }

  private provision(concurrency: number): void {
    new LambdaProvisionedConcurrencyConfig(this, 'provisioned', {
      functionName: this.function.functionName,
      qualifier: this.alias.name,
      provisionedConcurrentExecutions: concurrency,
    });
  }

  private createTrafficShifting(options: TrafficShiftingOptions): TrafficShifting {
    return new TrafficShifting(this, 'traffic-shifting', options, {
      names: this.alarms.map((a) => a.alarmNameInput ?? a.alarmName),
      references: this.alarms.map((a) => a.alarmName),
    });
  }

  private grantOnce(name: string, statements: PolicyStatement[]): IamRolePolicy {
    const existing = this.grants.get(name);
    if (existing) return existing;
    const policy = this.addPolicy(name, statements);
    this.grants.set(name, policy);
    return policy;
  }

  private addPolicy(name: string, statements: PolicyStatement[]): IamRolePolicy {
    return new IamRolePolicy(this, `policy-${name}`, {
      role: this.role.name,
      name,
      policy: policyDocument(statements),
    });
  }
}

/** Every prop checked before anything is created. */
function validateProps(id: string, props: ServiceFunctionProps): void {
  validateFunctionProps(id, props);
  validateAlarmOptions(id, props.alarms);
  if (props.asyncInvocation) validateAsyncOptions(id, props.asyncInvocation);
}
