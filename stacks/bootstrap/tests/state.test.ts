import { resources, synth } from './helpers';

describe('BootstrapStack: state', () => {
  const { text, json } = synth();

  it('keeps its own state in the bucket it creates, encrypted and locked', () => {
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'acme-tfstate-111111111111-eu-west-1',
      key: 'bootstrap/eu-west-1/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('is pinned to the account and assumes no role (an administrator applies it)', () => {
    const [provider] = json.provider.aws;
    expect(provider.allowed_account_ids).toEqual(['111111111111']);
    expect(provider.assume_role).toBeUndefined();
  });

  it('protects the state bucket from destroy', () => {
    expect(text).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket' },
      { bucket: 'acme-tfstate-111111111111-eu-west-1', lifecycle: { prevent_destroy: true } },
    );
  });

  it('versions, encrypts and fully blocks public access to the bucket', () => {
    expect(text).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_versioning' },
      { versioning_configuration: { status: 'Enabled' } },
    );
    expect(text).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_server_side_encryption_configuration' },
      { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
    );
    expect(text).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_public_access_block' },
      {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    );
  });

  it('denies every request without TLS', () => {
    const [bucketPolicy] = resources(json, 'aws_s3_bucket_policy');
    expect(JSON.parse(bucketPolicy.policy).Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [
          'arn:aws:s3:::acme-tfstate-111111111111-eu-west-1',
          'arn:aws:s3:::acme-tfstate-111111111111-eu-west-1/*',
        ],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  it('expires overwritten state versions, keeping the newest', () => {
    expect(text).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_bucket_lifecycle_configuration' },
      {
        rule: [
          expect.objectContaining({
            status: 'Enabled',
            noncurrent_version_expiration: [{ noncurrent_days: 90, newer_noncurrent_versions: 10 }],
          }),
        ],
      },
    );
  });
});
