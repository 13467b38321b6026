import { Construct } from 'constructs';
// Deep imports: the provider barrel costs ~5x synth time and memory.
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { partitionOf } from './arns';
import { policyDocument } from './policy';

export interface StateBucketProps {
  readonly bucket: string;
  readonly region: string;
  /** Days an overwritten state version is kept (the newest versions are kept regardless). @default 90 */
  readonly noncurrentVersionDays?: number;
}

export const DEFAULT_NONCURRENT_VERSION_DAYS = 90;
/** Overwritten versions kept whatever their age: enough to roll back the last few applies. */
export const KEPT_NONCURRENT_VERSIONS = 10;

/**
 * The Terraform state bucket of an account and region: versioned (every apply can be rolled back),
 * encrypted at rest (SSE-S3), never public, TLS only, ACLs off, and protected from `destroy`.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const arn = `arn:${partitionOf(props.region)}:s3:::${props.bucket}`;
    // Losing this bucket loses the state of every stack in the account: Terraform refuses to destroy it.
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucket, lifecycle: { preventDestroy: true } });
    const bucket = this.bucket.id;

    new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policyDocument([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [arn, `${arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
      // S3 rejects a bucket policy while a public access block is being changed.
      dependsOn: [publicAccess],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'expire-overwritten-state',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [
            {
              noncurrentDays: props.noncurrentVersionDays ?? DEFAULT_NONCURRENT_VERSION_DAYS,
              newerNoncurrentVersions: KEPT_NONCURRENT_VERSIONS,
            },
          ],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      // Lifecycle rules on noncurrent versions need versioning first.
      dependsOn: [versioning],
    });
  }
}
