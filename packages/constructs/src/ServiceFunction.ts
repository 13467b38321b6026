import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { bundleMissing, invalidRange } from './errors';
import type { ServiceStack } from './ServiceStack';

export interface ServiceFunctionProps {
  /** Memory in MB. @default 256 */
  readonly memorySize?: number;
  /** Timeout in seconds. @default 10 */
  readonly timeout?: number;
  /** Days the function's logs are kept. @default 30 */
  readonly logRetentionDays?: number;
  /** Non-secret configuration only; secrets come from settings at runtime. */
  readonly environment?: Record<string, string>;
}

export const DEFAULT_MEMORY_MB = 256;
export const DEFAULT_TIMEOUT_S = 10;
export const DEFAULT_LOG_RETENTION_DAYS = 30;

const LAMBDA_ASSUME_ROLE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/**
 * One Lambda function of a service, from its prebuilt zip `dist/apps/<service>/<id>.zip`,
 * with an IAM role and a log group of its own.
 */
export class ServiceFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly functionName: string;

  constructor(stack: ServiceStack, id: string, props: ServiceFunctionProps = {}) {
    super(stack, id);
    validateFunctionProps(id, props);
    const { service, environment, artifactsDir, accountId, region } = stack.config;
    const memorySize = props.memorySize ?? DEFAULT_MEMORY_MB;
    const timeout = props.timeout ?? DEFAULT_TIMEOUT_S;
    this.functionName = stack.resourceName(id);

    const zipPath = join(artifactsDir, `${id}.zip`);
    if (!existsSync(zipPath)) throw bundleMissing(id, zipPath, service);
    // A ready zip as FILE: ARCHIVE would spawn a zip process per asset per stack (~190 ms each).
    const code = new TerraformAsset(this, 'code', { path: zipPath, type: AssetType.FILE });

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${this.functionName}`,
      retentionInDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    });

    this.role = new IamRole(this, 'role', {
      name: this.functionName,
      assumeRolePolicy: LAMBDA_ASSUME_ROLE,
    });
    new IamRolePolicy(this, 'logs-policy', {
      role: this.role.name,
      name: 'write-own-logs',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `arn:aws:logs:${region}:${accountId}:log-group:/aws/lambda/${this.functionName}:*`,
          },
        ],
      }),
    });

    this.function = new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      role: this.role.arn,
      filename: code.path,
      sourceCodeHash: code.assetHash,
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      memorySize,
      timeout,
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      environment: {
        variables: {
          SERVICE: service,
          ENVIRONMENT: environment,
          NODE_OPTIONS: '--enable-source-maps',
          ...props.environment,
        },
      },
      dependsOn: [this.logGroup],
    });
  }
}

function validateFunctionProps(id: string, props: ServiceFunctionProps): void {
  const fn = `Function "${id}"`;
  if (props.memorySize !== undefined && (props.memorySize < 128 || props.memorySize > 10240)) {
    throw invalidRange(fn, 'memorySize', props.memorySize, 128, 10240, 'MB');
  }
  if (props.timeout !== undefined && (props.timeout < 1 || props.timeout > 900)) {
    throw invalidRange(fn, 'timeout', props.timeout, 1, 900, 'seconds');
  }
}
