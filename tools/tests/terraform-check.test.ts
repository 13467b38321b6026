import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStacks, offlineCopy } from '../terraform/check';

// The real terraform binary and AWS provider (found by the check: a local mirror, else the registry).
const stack = (resources: Record<string, unknown>) => ({
  terraform: {
    required_providers: { aws: { source: 'aws', version: '5.100.0' } },
    backend: { s3: { bucket: 'state', key: 'k', region: 'eu-west-1', encrypt: true, use_lockfile: true } },
  },
  provider: {
    aws: [
      {
        region: 'eu-west-1',
        allowed_account_ids: ['111111111111'],
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/deploy' }],
      },
    ],
  },
  resource: resources,
});

describe('offlineCopy', () => {
  it('swaps the S3 backend and the role for local state and offline provider settings', () => {
    const original = stack({});
    const copy = offlineCopy(original);
    expect(copy.terraform.backend).toBeUndefined();
    expect(copy.provider.aws[0]).toEqual({
      region: 'eu-west-1',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    });
    expect(original.terraform.backend.s3.bucket).toBe('state');
  });
});

describe('checkStacks', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'tf-check-'));
  const write = (name: string, json: unknown) => {
    mkdirSync(join(outdir, 'stacks', name), { recursive: true });
    writeFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  };
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('plans a valid stack offline and fails a stack the provider rejects', async () => {
    write('good-dev', stack({ aws_sqs_queue: { q: { name: 'good-dev-q', sqs_managed_sse_enabled: true } } }));
    // Types allow any number; the provider allows 0–43200 s. Only real Terraform catches this.
    write(
      'broken-dev',
      stack({ aws_sqs_queue: { q: { name: 'broken-dev-q', visibility_timeout_seconds: 99999 } } }),
    );

    const results = await checkStacks({
      outdir,
      workdir: join(__dirname, '..', '..', 'tmp', 'terraform-check-test'),
    });

    const byName = Object.fromEntries(results.map((r) => [r.stack, r]));
    expect(byName['good-dev']).toMatchObject({ ok: true, toCreate: 1, errors: [] });
    expect(byName['broken-dev'].ok).toBe(false);
    expect(byName['broken-dev'].errors.join('\n')).toMatch(/visibility_timeout_seconds/);
  }, 120_000);

  it('runs one terraform init at a time: the shared plugin cache is not safe for concurrent inits', async () => {
    // A stand-in terraform that fails an init started while another one runs, as the real one may.
    const bin = mkdtempSync(join(tmpdir(), 'tf-fake-'));
    const lock = join(bin, 'init.lock');
    writeFileSync(
      join(bin, 'terraform'),
      [
        '#!/bin/sh',
        'case "$1" in',
        `  version) echo '{"terraform_version":"1.11.4"}' ;;`,
        `  init) mkdir ${JSON.stringify(lock)} 2>/dev/null || { echo 'concurrent init' >&2; exit 1; }; sleep 0.3; rmdir ${JSON.stringify(lock)} ;;`,
        `  validate) echo '{"valid":true,"diagnostics":[]}' ;;`,
        'esac',
        '',
      ].join('\n'),
    );
    chmodSync(join(bin, 'terraform'), 0o755);
    const many = mkdtempSync(join(tmpdir(), 'tf-check-many-'));
    for (const name of ['a-dev', 'b-dev', 'c-dev', 'd-dev']) {
      mkdirSync(join(many, 'stacks', name), { recursive: true });
      writeFileSync(join(many, 'stacks', name, 'cdk.tf.json'), JSON.stringify(stack({})));
    }
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const results = await checkStacks({
        outdir: many,
        workdir: join(many, 'work'),
        batchSize: 1,
        concurrency: 2,
      });
      expect(results.map((r) => [r.stack, r.errors])).toEqual(
        ['a-dev', 'b-dev', 'c-dev', 'd-dev'].map((s) => [s, []]),
      );
    } finally {
      process.env.PATH = path;
      rmSync(bin, { recursive: true, force: true });
      rmSync(many, { recursive: true, force: true });
    }
  });

  /** Runs `act` on three empty stacks with `bin` first on the PATH, and removes the folders after. */
  const withPath = async (bin: string, act: (stacksOut: string) => Promise<void>) => {
    const stacksOut = mkdtempSync(join(tmpdir(), 'tf-check-path-'));
    for (const name of ['a-dev', 'b-dev', 'c-dev']) {
      mkdirSync(join(stacksOut, 'stacks', name), { recursive: true });
      writeFileSync(join(stacksOut, 'stacks', name, 'cdk.tf.json'), JSON.stringify(stack({})));
    }
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      await act(stacksOut);
    } finally {
      process.env.PATH = path;
      rmSync(bin, { recursive: true, force: true });
      rmSync(stacksOut, { recursive: true, force: true });
    }
  };
  /** A folder holding a stand-in `terraform` shell script with these `case` branches. */
  const fakeTerraform = (...branches: string[]) => {
    const bin = mkdtempSync(join(tmpdir(), 'tf-fake-'));
    writeFileSync(join(bin, 'terraform'), ['#!/bin/sh', 'case "$1" in', ...branches, 'esac', ''].join('\n'));
    chmodSync(join(bin, 'terraform'), 0o755);
    return bin;
  };

  it('says how to install Terraform when terraform is not on the PATH (npm run validate)', async () => {
    // Through the command a person runs, in its own process: a PATH holding only an empty folder.
    // (Inside Jest, process.env is a copy, so changing PATH here would not reach the lookup.)
    const noBin = mkdtempSync(join(tmpdir(), 'tf-no-bin-'));
    await withPath(noBin, async (stacksOut) => {
      const root = join(__dirname, '..', '..');
      const { code, stdout, stderr } = await new Promise<{
        code: number | null;
        stdout: string;
        stderr: string;
      }>((done) => {
        execFile(
          process.execPath,
          [
            join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
            join(root, 'tools', 'terraform', 'cli.ts'),
            stacksOut,
          ],
          { cwd: root, env: { ...process.env, PATH: noBin } },
          (error, out, err) => done({ code: error ? (error.code as number) : 0, stdout: out, stderr: err }),
        );
      });

      expect([code, stdout, stderr]).toEqual([
        1,
        '',
        'terraform is not on the PATH. Install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install, ' +
          'or hashicorp/setup-terraform in GitHub Actions) and run the check again.\n',
      ]);
    });
  }, 30_000);

  it("fails every stack of a batch whose init fails, with Terraform's message, and checks the other batches", async () => {
    // Init fails in the batch holding a-dev and b-dev only (its root module calls s_a-dev).
    const bin = fakeTerraform(
      `  version) echo '{"terraform_version":"1.11.4"}' ;;`,
      `  init) if grep -q s_a-dev main.tf.json; then echo 'Error: Failed to query available provider packages' >&2; exit 1; fi ;;`,
      `  validate) echo '{"valid":true,"diagnostics":[]}' ;;`,
    );
    await withPath(bin, async (stacksOut) => {
      const results = await checkStacks({
        outdir: stacksOut,
        workdir: join(stacksOut, 'work'),
        batchSize: 2,
      });

      expect(results.map((r) => [r.stack, r.ok, r.errors])).toEqual([
        ['a-dev', false, ['Error: Failed to query available provider packages']],
        ['b-dev', false, ['Error: Failed to query available provider packages']],
        ['c-dev', true, []],
      ]);
    });
  });

  it('fails every stack of the batch, visibly, on a diagnostic it cannot attribute to one stack', async () => {
    const bin = fakeTerraform(
      `  version) echo '{"terraform_version":"1.11.4"}' ;;`,
      '  init) ;;',
      `  validate) echo '{"valid":false,"diagnostics":[{"severity":"error","summary":"Unsupported Terraform Core version"}]}' ;;`,
    );
    await withPath(bin, async (stacksOut) => {
      const results = await checkStacks({
        outdir: stacksOut,
        workdir: join(stacksOut, 'work'),
        batchSize: 3,
      });

      expect(results.map((r) => [r.stack, r.ok, r.errors])).toEqual(
        ['a-dev', 'b-dev', 'c-dev'].map((s) => [s, false, ['validate: Unsupported Terraform Core version']]),
      );
    });
  });

  it('explains how to synthesize when there is nothing to check', async () => {
    await expect(checkStacks({ outdir: join(outdir, 'missing'), workdir: outdir })).rejects.toThrow(
      /Synthesize first \(npm run synth\)/,
    );
  });
});
