import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * README "The first apply", run as written up to where AWS would be needed: the synth command, then
 * Terraform with the documented backend override. The bootstrap stack keeps its state in the bucket
 * it creates; the override must let the first apply run on local state, touching no bucket.
 */
const workspace = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bootstrap-first-apply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function firstApplySection(): string {
  const readme = readFileSync(join(workspace, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### The first apply\n');
  if (start < 0) throw new Error('README.md has no "### The first apply" section');
  const end = readme.indexOf('\n### ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}
const section = firstApplySection();
const synth = /^PLATFORM_STACKS=(\S+) npx tsx stacks\/main\.ts\b/m.exec(section);
const override = /^echo '(.+)' > backend_override\.tf\.json$/m.exec(section);

const terraform = (args: string[], cwd: string) =>
  execFileSync('terraform', [...args, '-no-color'], {
    cwd,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
    encoding: 'utf8',
    stdio: 'pipe',
  });

describe('README: the first apply of a bootstrap stack', () => {
  it('documents the synth command and the local-state override', () => {
    expect(synth?.[1]).toBe('bootstrap-commerce-dev');
    expect(JSON.parse(override![1])).toEqual({ terraform: { backend: { local: {} } } });
    expect(section).toContain('terraform init -migrate-state -force-copy');
  });

  let stack: {
    terraform: { backend: Record<string, Record<string, unknown>> };
    resource: Record<string, Record<string, Record<string, unknown>>>;
  };
  beforeAll(() => {
    execFileSync(join(workspace, 'node_modules', '.bin', 'tsx'), ['stacks/main.ts'], {
      cwd: workspace,
      env: { ...process.env, PLATFORM_STACKS: synth![1], PLATFORM_OUTDIR: dir, PLATFORM_ROLE: '' },
      stdio: 'pipe',
    });
    stack = JSON.parse(readFileSync(join(dir, 'stacks', synth![1], 'cdk.tf.json'), 'utf8'));
  });

  it('keeps the stack state in the bucket the stack itself creates: it cannot exist before the first apply', () => {
    const buckets = Object.values(stack.resource.aws_s3_bucket).map((b) => b.bucket);
    expect(stack.terraform.backend.s3).toMatchObject({
      bucket: buckets[0],
      key: 'bootstrap/eu-west-1/terraform.tfstate',
      encrypt: true,
    });
    expect(buckets).toHaveLength(1);
  });

  it('applies on local state with the documented override, without the S3 backend', () => {
    // The stack's Terraform block and the override, without resources: no provider, nothing leaves the machine.
    // Only ever with a local backend: a wrong override would make Terraform reach for the S3 bucket.
    expect(JSON.parse(override![1]).terraform.backend).toEqual({ local: {} });
    const work = join(dir, 'first-apply');
    mkdirSync(work);
    writeFileSync(
      join(work, 'cdk.tf.json'),
      JSON.stringify({ terraform: { backend: stack.terraform.backend } }),
    );
    writeFileSync(join(work, 'backend_override.tf.json'), override![1]);

    expect(terraform(['init', '-input=false'], work)).toContain(
      'Successfully configured the backend "local"!',
    );
    terraform(['apply', '-auto-approve', '-input=false'], work);
    expect(existsSync(join(work, 'terraform.tfstate'))).toBe(true);
  });
});
