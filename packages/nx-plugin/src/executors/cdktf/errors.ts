const list = (values: readonly string[]) => values.join(', ');

export const unknownEnvironment = (target: string, environment: string, environments: readonly string[]) =>
  new Error(
    `${target}: unknown environment "${environment}". Environments in stacks/topology.ts: ${list(environments)}. ` +
      `Run with -c <environment>, e.g. -c ${environments[0]}.`,
  );

export const missingEnvironment = (target: string, environments: readonly string[]) =>
  new Error(
    `${target}: no environment. Run with -c <environment>; environments in stacks/topology.ts: ${list(environments)}.`,
  );

export const unknownService = (target: string, service: string, services: readonly string[]) =>
  new Error(
    `${target}: unknown service "${service}". Services in stacks/topology.ts: ${list(services)}. ` +
      `Add it with "npx nx g @platform/nx-plugin:service ${service} --team <team>".`,
  );

export const notSynthesized = (stack: string, synthDir: string, synthTarget: string) =>
  new Error(
    `--skipSynth: ${synthDir}/manifest.json has no stack "${stack}". Synthesize it first ` +
      `(npx nx run ${synthTarget}), or in CI download the verify job's build artifact.`,
  );

export const skipSynthWithPlanRole = (stack: string) =>
  new Error(
    `${stack}: --skipSynth deploys the stack as synthesized, with the deploy role, but PLATFORM_ROLE=plan asks ` +
      `for the read-only plan role. Drop --skipSynth to synthesize it with the plan role.`,
  );

export const deployProducerFirst = (
  target: string,
  stack: string,
  topicArn: string,
  producerStack: string,
  environment: string,
) =>
  new Error(
    `${target}: ${stack} subscribes to ${topicArn}, the topic of ${producerStack} in another account. If Terraform failed ` +
      `on its aws_sns_topic_subscription (NotFound, AuthorizationError), that topic, or its policy letting this account ` +
      `subscribe, is not deployed yet: deploy ${producerStack} first ` +
      `(npx nx run ${producerStack.slice(0, -environment.length - 1)}-stack:deploy -c ${environment}), then ${stack} again.`,
  );
