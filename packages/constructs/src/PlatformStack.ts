import { Aspects, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
// Deep import: the provider barrel costs ~5x synth time and memory.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Guardrails } from './guardrails/Guardrails';

/** Where a platform stack applies and keeps its state. */
export interface PlatformStackOptions {
  /** The only account Terraform may touch with this stack. */
  readonly accountId: string;
  readonly region: string;
  /** On every resource, through the provider's default_tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** The role Terraform assumes in `accountId`. @default none: the caller's own credentials (bootstrap stacks) */
  readonly assumeRole?: { readonly roleArn: string; readonly sessionName: string };
  readonly stateBucket: string;
  /** Unique across all stacks of the bucket. */
  readonly stateKey: string;
  /** Applied by the pipeline's deploy role: the guardrails check every resource type against DEPLOY_PERMISSIONS. @default false */
  readonly deployedByPipeline?: boolean;
  /** The service's settings path, whose `*` the guardrails accept in its functions' policies. @default none */
  readonly settingsPath?: string;
}

/**
 * What every stack of the platform has, service and bootstrap alike: an AWS provider pinned to one
 * account, an encrypted S3 backend with S3-native locking, and the guardrails checked at every synth.
 * Subclasses validate their config first, then call `super` with these options.
 */
export abstract class PlatformStack extends TerraformStack {
  /** The aspect that checks every resource of this stack at synth (see docs/constructs.md). */
  readonly guardrails: Guardrails;

  protected constructor(scope: Construct, id: string, options: PlatformStackOptions) {
    super(scope, id);
    const { accountId, region, assumeRole, stateBucket, stateKey, deployedByPipeline, settingsPath } =
      options;
    new AwsProvider(this, 'aws', {
      region,
      // Terraform refuses to run against any other account: a dev plan can never touch prod.
      allowedAccountIds: [accountId],
      ...(assumeRole ? { assumeRole: [{ ...assumeRole }] } : {}),
      defaultTags: [{ tags: { ...options.tags } }],
    });
    new S3Backend(this, { bucket: stateBucket, key: stateKey, region, encrypt: true });
    // cdktf 0.21's S3Backend has no `useLockfile`; S3-native locking needs no DynamoDB table.
    this.addOverride('terraform.backend.s3.use_lockfile', true);

    this.guardrails = new Guardrails({
      accountId,
      stateKey,
      ...(deployedByPipeline ? { deployedByPipeline } : {}),
      ...(settingsPath ? { settingsPath } : {}),
    });
    Aspects.of(this).add(this.guardrails);
  }
}
