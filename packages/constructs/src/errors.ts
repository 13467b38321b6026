import { ROUTE_KEY_FORMAT, SCHEDULE_EXPRESSION_FORMAT } from './syntax';

/** Errors for people writing infrastructure: what is wrong, the value, and the fix. */
export class ConstructConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConstructConfigError';
  }
}

/** Synth stopped because resources break guardrail rules; the message lists every violation. */
export class GuardrailViolationError extends Error {
  constructor(
    readonly stackName: string,
    readonly violations: readonly string[],
  ) {
    super(
      `Stack "${stackName}" breaks ${violations.length} guardrail rule(s):\n${violations.map((v) => `  - ${v}`).join('\n')}\n` +
        `Fix each resource, or if a rule truly does not apply, suppress it on the construct with a reason: ` +
        `suppress(construct, '<rule id>', '<why>').`,
    );
    this.name = 'GuardrailViolationError';
  }
}

const list = (values: readonly (string | number)[]) => values.join(', ');

export const bundleMissing = (fn: string, zipPath: string, service: string) =>
  new ConstructConfigError(
    `Function "${fn}": bundle not found at ${zipPath}. ` +
      `Build it first with "npx nx run ${service}:build" (npm run synth does this for every app), ` +
      `or check that apps/${service}/src/handlers/${fn}.ts exists.`,
  );

export const invalidRange = (
  construct: string,
  field: string,
  value: number,
  min: number,
  max: number,
  unit: string,
) =>
  new ConstructConfigError(
    `${construct}: ${field} ${value} is out of range. AWS allows ${min}–${max} ${unit}; set ${field} within that range.`,
  );

export const notAnInteger = (construct: string, field: string, value: number) =>
  new ConstructConfigError(`${construct}: ${field} ${value} is not a whole number. Use an integer.`);

export const invalidChoice = (
  construct: string,
  field: string,
  value: unknown,
  allowed: readonly (string | number)[],
) =>
  new ConstructConfigError(
    `${construct}: ${field} ${JSON.stringify(value)} is not allowed. Use one of: ${list(allowed)}.`,
  );

export const invalidConstructId = (construct: string, id: string) =>
  new ConstructConfigError(
    `${construct}: id "${id}" is not lowercase kebab-case. The id becomes part of AWS names; ` +
      `use letters, digits and single hyphens, starting with a letter (e.g. "process-orders").`,
  );

export const duplicateId = (construct: string, id: string, scope: string, existing: string) =>
  new ConstructConfigError(
    `${construct}: id "${id}" is already used in ${scope} by ${existing}. ` +
      `Ids become AWS names, so each must be unique in the stack: choose another id.`,
  );

export const nameTooLong = (construct: string, kind: string, name: string, limit: number, prefix: string) =>
  new ConstructConfigError(
    `${construct}: the ${kind} "${name}" is ${name.length} characters; AWS allows at most ${limit} ` +
      `once the "${prefix}" prefix is added. Shorten the id by ${name.length - limit} character(s).`,
  );

export const invalidStackConfig = (stack: string, field: string, value: unknown, fix: string) =>
  new ConstructConfigError(`ServiceStack "${stack}": ${field} ${JSON.stringify(value)} is invalid. ${fix}`);

export const unknownEnvironment = (stack: string, field: string, value: string, known: readonly string[]) =>
  new ConstructConfigError(
    `ServiceStack "${stack}": ${field} names unknown environment "${value}". ` +
      `Known environments: ${list(known)}. Fix the name or add the environment to stacks/topology.ts.`,
  );

export const missingEnvironmentValue = (stack: string, environment: string, given: readonly string[]) =>
  new ConstructConfigError(
    `ServiceStack "${stack}": byEnvironment() has no value for "${environment}" (given: ${list(given) || 'none'}) ` +
      `and no fallback. Add "${environment}" or pass a fallback as the second argument.`,
  );

export const reservedEnvironmentVariable = (fn: string, name: string, reason: string) =>
  new ConstructConfigError(
    `Function "${fn}": environment variable ${name} cannot be set: ${reason}. Remove it or choose another name.`,
  );

export const invalidEnvironmentVariableName = (fn: string, name: string) =>
  new ConstructConfigError(
    `Function "${fn}": environment variable name "${name}" is invalid. ` +
      `Use letters, digits and underscores, starting with a letter (e.g. "ORDERS_QUEUE_URL").`,
  );

export const provisionedAboveReserved = (fn: string, provisioned: number, reserved: number) =>
  new ConstructConfigError(
    `Function "${fn}": provisionedConcurrency ${provisioned} is above reservedConcurrency ${reserved}; ` +
      `Lambda rejects it. Lower provisionedConcurrency to at most ${reserved} or raise reservedConcurrency.`,
  );

export const asyncAlreadyConfigured = (fn: string) =>
  new ConstructConfigError(
    `Function "${fn}": async invocation is already configured (by its props or an earlier call). ` +
      `Configure it once, in the function's asyncInvocation prop.`,
  );

export const visibilityTooShort = (queue: string, visibility: number, timeout: number, window: number) =>
  new ConstructConfigError(
    `SqsConsumer "${queue}": visibilityTimeout ${visibility}s is less than 6 x the consumer's timeout (${timeout}s)` +
      `${window ? ` + its batching window (${window}s)` : ''}. Messages would be received again while still being processed. ` +
      `Set visibilityTimeout to at least ${timeout * 6 + window}, leave it unset (computed), or lower the function timeout.`,
  );

export const batchingWindowOnFifo = (queue: string, window: number) =>
  new ConstructConfigError(
    `SqsConsumer "${queue}": maxBatchingWindow ${window}s is set on a FIFO queue; Lambda does not support a batching ` +
      `window for FIFO queues. Remove maxBatchingWindow.`,
  );

export const batchingWindowRequired = (queue: string, batchSize: number) =>
  new ConstructConfigError(
    `SqsConsumer "${queue}": batchSize ${batchSize} is above 10, which Lambda allows only with a batching window. ` +
      `Set maxBatchingWindow to 1–300 seconds, or lower batchSize to 10.`,
  );

export const maxConcurrencyAboveReserved = (queue: string, max: number, fn: string, reserved: number) =>
  new ConstructConfigError(
    `SqsConsumer "${queue}": maxConcurrency ${max} is above the reservedConcurrency ${reserved} of function "${fn}"; ` +
      `the surplus invocations would be throttled and their messages retried into the DLQ. ` +
      `Set maxConcurrency to at most ${reserved}.`,
  );

export const invalidRouteKey = (api: string, routeKey: string) =>
  new ConstructConfigError(
    `HttpApi "${api}": route "${routeKey}" is not a route key. Use ${ROUTE_KEY_FORMAT}.`,
  );

export const routeWithoutFunction = (api: string, routeKey: string) =>
  new ConstructConfigError(
    `HttpApi "${api}": route "${routeKey}" has no function. Pass the ServiceFunction that handles it: ` +
      `{ function: myFunction }.`,
  );

export const duplicateRoute = (api: string, routeKey: string) =>
  new ConstructConfigError(`HttpApi "${api}": route "${routeKey}" is defined twice. Keep one definition.`);

export const publicRouteWithoutReason = (api: string, routeKey: string) =>
  new ConstructConfigError(
    `HttpApi "${api}": route "${routeKey}" has authorization 'NONE' without a publicReason. Unauthenticated routes ` +
      `are an explicit opt-out: add publicReason: '<why anyone on the internet may call it>', or remove authorization.`,
  );

export const invalidScheduleExpression = (schedule: string, expression: string) =>
  new ConstructConfigError(
    `Schedule "${schedule}": expression "${expression}" is not a schedule expression. ` +
      `Use ${SCHEDULE_EXPRESSION_FORMAT}.`,
  );

export const invalidSettingName = (construct: string, kind: string, name: string, rule: string) =>
  new ConstructConfigError(`${construct}: ${kind} name "${name}" is invalid. ${rule}`);

export const secureParameterDefault = (construct: string, name: string) =>
  new ConstructConfigError(
    `${construct}: parameter "${name}" is secure and has a default. A default would put the secret value in code and ` +
      `in Terraform state. Remove the default and set the SecureString out of band (aws ssm put-parameter --type SecureString).`,
  );

export const unknownRule = (construct: string, ruleId: string, known: readonly string[]) =>
  new ConstructConfigError(
    `suppress(${construct}): unknown guardrail rule "${ruleId}". Known rules: ${list(known)}.`,
  );

export const suppressionWithoutReason = (construct: string, ruleId: string) =>
  new ConstructConfigError(
    `suppress(${construct}, '${ruleId}'): a suppression needs a reason (at least 10 characters) saying why the rule ` +
      `does not apply here; it is printed at every synth.`,
  );

export const suppressionAppliesTo = (construct: string, ruleId: string, granular: boolean) =>
  new ConstructConfigError(
    granular
      ? `suppress(${construct}, '${ruleId}'): this rule accepts only the values a suppression names. Pass ` +
          `{ appliesTo: ['Resource::<exact pattern>'] } (or 'Action::<pattern>'), as the violation prints them.`
      : `suppress(${construct}, '${ruleId}'): this rule's findings name no value, so appliesTo does not apply. ` +
          `Remove it: the suppression covers the construct and everything under it.`,
  );

export const settingsAlreadyGranted = (fn: string) =>
  new ConstructConfigError(
    `Function "${fn}": grantSettings() was already called. Call it once, with the service's whole declaration.`,
  );

export const tableAlreadyGranted = (construct: string) =>
  new ConstructConfigError(
    `${construct}: access to this table was already granted. Call grantTable once per table, with every action needed.`,
  );

export const environmentVariableAlreadySet = (fn: string, name: string) =>
  new ConstructConfigError(
    `Function "${fn}": environment variable ${name} is already set. Set each variable once.`,
  );

export const trafficShiftingWithoutAlarms = (construct: string) =>
  new ConstructConfigError(
    `${construct}: trafficShifting needs at least one alarm to roll back on, but every alarm is turned off. ` +
      `Keep alarms.errors on (the default) or remove trafficShifting.`,
  );

export const tooManyRollbackAlarms = (construct: string, alarms: readonly string[], max: number) =>
  new ConstructConfigError(
    `${construct}: trafficShifting would roll back on ${alarms.length} alarms (${list(alarms)}), but CodeDeploy takes at most ${max} per deployment group. ` +
      `Turn some of the function's alarms off (alarms.<name>: false), or route it from fewer HTTP APIs.`,
  );

export const consumerMissing = (construct: string) =>
  new ConstructConfigError(
    `${construct}: consumer is missing. Pass the ServiceFunction that processes the messages: { consumer: myFunction }.`,
  );

export const deduplicationWithoutFifo = (construct: string) =>
  new ConstructConfigError(
    `${construct}: contentBasedDeduplication is only for FIFO queues. Set fifo: true or remove it.`,
  );

export const scheduleTargetMissing = (construct: string) =>
  new ConstructConfigError(
    `${construct}: target is missing. Pass the ServiceFunction to invoke: { target: myFunction }.`,
  );

export const partitionKeyMissing = (construct: string) =>
  new ConstructConfigError(
    `${construct}: partitionKey is missing. Name the key every item is found by: { partitionKey: { name: 'id' } }.`,
  );

export const invalidAttributeName = (construct: string, field: string, value: string) =>
  new ConstructConfigError(
    `${construct}: ${field} ${JSON.stringify(value)} is not an attribute name. Use 1–255 characters.`,
  );

export const invalidKeyType = (construct: string, field: string, type: unknown) =>
  new ConstructConfigError(
    `${construct}: ${field}.type ${JSON.stringify(type)} is not a key type. Use 'S' (string), 'N' (number) or 'B' (binary).`,
  );

export const sortKeyIsPartitionKey = (construct: string, name: string) =>
  new ConstructConfigError(
    `${construct}: sortKey and partitionKey are both "${name}". Use two different attributes, or no sortKey.`,
  );

export const timeToLiveOnKey = (construct: string, attribute: string) =>
  new ConstructConfigError(
    `${construct}: timeToLiveAttribute "${attribute}" is a key attribute. Expiry needs its own number attribute (epoch seconds).`,
  );

export const duplicateStatementId = (queue: string, sid: string | undefined, taken: readonly string[]) =>
  new ConstructConfigError(
    `Queue policy of ${queue}: ${sid ? `statement Sid "${sid}" is already used` : 'a statement needs a Sid'} ` +
      `(Sids in the policy: ${list(taken)}). Give each statement a unique Sid of letters and digits, e.g. "AllowOrdersTopic".`,
  );

export const undeclaredStream = (
  stack: string,
  stream: string,
  declared: readonly string[],
  service: string,
) =>
  new ConstructConfigError(
    `EventTopic "${stream}" in stack "${stack}": the topology does not say that "${service}" publishes "${stream}" ` +
      `(it publishes ${declared.length ? declared.map((s) => `"${s}"`).join(', ') : 'no streams'}). ` +
      `Add "${stream}" to services.${service}.publishes in stacks/topology.ts, or fix the name.`,
  );

export const undeclaredConsume = (
  construct: string,
  ref: string,
  declared: readonly string[],
  service: string,
) =>
  new ConstructConfigError(
    `${construct}: the topology does not say that "${service}" consumes "${ref}" ` +
      `(it consumes ${declared.length ? declared.map((s) => `"${s}"`).join(', ') : 'no streams'}). ` +
      `Add "${ref}" to services.${service}.consumes in stacks/topology.ts, or fix the name.`,
  );

export const streamIntoFifoQueue = (construct: string, ref: string) =>
  new ConstructConfigError(
    `${construct}: stream "${ref}" is a standard SNS topic, which cannot deliver to a FIFO queue. ` +
      `Subscribe a standard SqsConsumer (fifo: false).`,
  );

export const streamSubscribedTwice = (construct: string, ref: string, other: string) =>
  new ConstructConfigError(
    `${construct}: stream "${ref}" is already delivered to ${other}. Consume a stream into one queue per service.`,
  );

export const linksNotWired = (stack: string, problems: readonly string[]) =>
  new ConstructConfigError(
    `Stack "${stack}" does not wire what stacks/topology.ts declares:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );

export const undeclaredCall = (fn: string, callee: string, service: string, declared: readonly string[]) =>
  new ConstructConfigError(
    `Function "${fn}" grantCall("${callee}"): the topology lets "${service}/${fn}" call ` +
      `${declared.length ? declared.map((s) => `"${s}"`).join(', ') : 'no service'}. ` +
      `Add "${service}/${fn}" to the callers of a route in services.${callee}.routes in stacks/topology.ts.`,
  );

export const callerRouteMissing = (api: string, routeKey: string, callers: readonly string[]) =>
  new ConstructConfigError(
    `HttpApi "${api}": stacks/topology.ts lets ${callers.join(', ')} call "${routeKey}", but the API has no such ` +
      `AWS_IAM route. Add it with api.addRoute("${routeKey}", { function }), or fix the route in the topology's routes.`,
  );
