import {
  CodeDeployClient,
  type CodeDeployClientConfig,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  StopDeploymentCommand,
  paginateListDeployments,
  waitUntilDeploymentSuccessful,
  type DeploymentStatus as CodeDeployStatus,
  type GetDeploymentCommandOutput,
} from '@aws-sdk/client-codedeploy';
import { GetAliasCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  assumeRoleWithWebIdentity,
  type Fetch,
  githubOidcToken,
  sessionName,
  stackRole,
} from './credentials';
import { ACTIVE, FINISHED, type ShiftApi, TrafficShiftError } from './trafficShift';

/** An AWS SDK credentials provider (a function the SDK calls again before the credentials expire). */
export type CredentialsProvider = Extract<NonNullable<CodeDeployClientConfig['credentials']>, () => unknown>;

export interface AwsOptions {
  readonly region: string;
  /** @default the SDK's default chain (your own credentials, locally) */
  readonly credentials?: CredentialsProvider;
  /** Tests point both clients at a server on 127.0.0.1. */
  readonly endpoint?: string;
}

/** The step's AWS calls through the AWS SDK: Lambda GetAlias and CodeDeploy deployments. */
export function awsShiftApi(options: AwsOptions): ShiftApi {
  const config = {
    region: options.region,
    maxAttempts: 5,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
  const lambda = new LambdaClient(config);
  const codedeploy = new CodeDeployClient(config);
  const deploymentStatus = async (id: string) =>
    statusOf(await codedeploy.send(new GetDeploymentCommand({ deploymentId: id })));
  return {
    async aliasVersion(functionName, alias) {
      const { FunctionVersion } = await lambda.send(
        new GetAliasCommand({ FunctionName: functionName, Name: alias }),
      );
      if (!FunctionVersion)
        throw new TrafficShiftError(`Lambda returned no version for ${functionName}:${alias}.`);
      return FunctionVersion;
    },
    async activeDeployments(application, deploymentGroup) {
      const ids: string[] = [];
      const pages = paginateListDeployments(
        { client: codedeploy },
        {
          applicationName: application,
          deploymentGroupName: deploymentGroup,
          includeOnlyStatuses: ACTIVE as CodeDeployStatus[],
        },
      );
      for await (const page of pages) ids.push(...(page.deployments ?? []));
      return ids;
    },
    async createDeployment({ application, deploymentGroup, appSpec, description }) {
      const { deploymentId } = await codedeploy.send(
        new CreateDeploymentCommand({
          applicationName: application,
          deploymentGroupName: deploymentGroup,
          description,
          revision: { revisionType: 'AppSpecContent', appSpecContent: { content: appSpec } },
        }),
      );
      if (!deploymentId)
        throw new TrafficShiftError(`CodeDeploy returned no deployment ID for ${application}.`);
      return deploymentId;
    },
    deploymentStatus,
    async waitForDeployment(id, { maxWaitMs, minDelayMs, onStatus }) {
      // One read first: a permission error fails here at once (the waiter would retry it until the
      // timeout), and a finished deployment needs no waiter.
      const first = await deploymentStatus(id);
      onStatus(first.status);
      if (FINISHED.includes(first.status)) return first;
      // A client of this wait only: its middleware reports each status the waiter reads.
      const client = new CodeDeployClient(config);
      client.middlewareStack.add(
        (next) => async (args) => {
          const result = await next(args);
          const status = (result.output as GetDeploymentCommandOutput).deploymentInfo?.status;
          if (status) onStatus(status);
          return result;
        },
        { step: 'initialize', name: 'reportDeploymentStatus' },
      );
      // Seconds; the SDK refuses a maxWaitTime not above minDelay, and a maxDelay below it (default 120).
      const minDelay = minDelayMs / 1000;
      await waitUntilDeploymentSuccessful(
        {
          client,
          minDelay,
          maxDelay: Math.max(120, minDelay),
          maxWaitTime: Math.max(maxWaitMs / 1000, minDelay + 1),
        },
        { deploymentId: id },
        // Failed, Stopped or out of time: the status read next says which.
      ).catch(() => undefined);
      return deploymentStatus(id);
    },
    async stopDeployment(id) {
      await codedeploy.send(new StopDeploymentCommand({ deploymentId: id, autoRollbackEnabled: true }));
    },
  };
}

function statusOf({ deploymentInfo }: GetDeploymentCommandOutput) {
  const rollback = deploymentInfo?.rollbackInfo?.rollbackMessage;
  const error = deploymentInfo?.errorInformation?.message;
  const message = [error, rollback].filter(Boolean).join('; ');
  return { status: deploymentInfo?.status ?? 'Unknown', ...(message ? { message } : {}) };
}

/**
 * In GitHub Actions (an OIDC token is available), the credentials of the stack's own role, assumed
 * with the job's token like the Terraform credential process does (tools/ci/bin/aws-credentials.ts);
 * elsewhere undefined: the SDK's default chain.
 */
export function stackCredentials(
  stackDir: string,
  env: NodeJS.ProcessEnv = process.env,
  /** A stand-in for GitHub and STS (tests). @default the real endpoints */
  fetchImpl?: Fetch,
): CredentialsProvider | undefined {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL) return undefined;
  const { stack, roleArn, region } = stackRole(stackDir);
  return async () => {
    const token = await githubOidcToken(env, fetchImpl);
    const c = await assumeRoleWithWebIdentity({
      roleArn,
      region,
      token,
      sessionName: sessionName(stack, env),
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: new Date(c.Expiration),
    };
  };
}
