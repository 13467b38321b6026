import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import { AllConstructsStack, FIXTURE_FUNCTIONS } from '../fixtures/AllConstructsStack';
import { baseConfig, writeBundles } from '../helpers';

interface StackResult {
  readonly stack: string;
  readonly ok: boolean;
  readonly toCreate: number;
  readonly errors: readonly string[];
}
type CheckStacks = (options: {
  outdir: string;
  workdir: string;
  pluginMirror?: string;
}) => Promise<StackResult[]>;

const root = resolve(__dirname, '..', '..', '..', '..');

// The real Terraform and AWS provider (found by the check: a local mirror, else the registry): ~10 s.
describe('Terraform check of a stack using every construct', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'constructs-tf-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('validates and plans with no errors', async () => {
    // Prepare
    const artifactsDir = join(outdir, 'bundles');
    writeBundles(artifactsDir, ...FIXTURE_FUNCTIONS);
    const app = new App({ outdir });
    new AllConstructsStack(app, 'orders-dev', { ...baseConfig, artifactsDir });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    app.synth();
    warn.mockRestore();
    // Loaded by path: tools/ is the Terraform check's project, not a dependency of this package.
    const { checkStacks } = (await import(join(root, 'tools', 'terraform', 'check.ts'))) as {
      checkStacks: CheckStacks;
    };

    // Act
    const results = await checkStacks({
      outdir,
      workdir: join(root, 'tmp', 'terraform-check-constructs'),
    });

    // Assess
    expect(results).toHaveLength(1);
    expect(results[0].errors).toEqual([]);
    expect(results[0]).toMatchObject({ stack: 'orders-dev', ok: true });
    expect(results[0].toCreate).toBeGreaterThan(60);
  }, 180_000);
});
