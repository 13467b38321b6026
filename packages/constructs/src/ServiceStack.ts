import { S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ServiceStackConfig } from './types';

/**
 * The base of every `stacks/<service>` stack: one service in one environment, pinned to
 * that environment's AWS account, with its own encrypted, locked S3 state.
 */
export class ServiceStack extends TerraformStack {
  readonly config: ServiceStackConfig;

  constructor(scope: Construct, id: string, config: ServiceStackConfig) {
    super(scope, id);
    this.config = config;

    new AwsProvider(this, 'aws', {
      region: config.region,
      // Terraform refuses to run against any other account: a dev plan can never touch prod.
      allowedAccountIds: [config.accountId],
      assumeRole: [{ roleArn: config.deployRoleArn, sessionName: `${config.service}-${config.environment}` }],
      defaultTags: [{ tags: this.tags }],
    });

    new S3Backend(this, {
      bucket: config.stateBucket,
      key: config.stateKey,
      region: config.region,
      encrypt: true,
    });
    // cdktf 0.21's S3Backend has no `useLockfile`; S3-native locking needs no DynamoDB table.
    this.addOverride('terraform.backend.s3.use_lockfile', true);
  }

  /** Tags on every resource, via the provider's default_tags. */
  get tags(): Record<string, string> {
    const { service, environment, team, repository } = this.config;
    return { service, environment, team, repository, 'managed-by': 'cdktf' };
  }

  /** `<service>-<environment>-<suffix>`: unique per account, readable in the console. */
  resourceName(suffix: string): string {
    return `${this.config.service}-${this.config.environment}-${suffix}`;
  }
}
