import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';

// What a wrapper adds to a function bundle, with the options of tools/bundle-functions.mjs (minified, node22,
// ESM builds of dependencies); AWS SDK clients are left out, as the budget counts what comes beyond them.
const workspaceRoot = join(__dirname, '..', '..', '..', '..');

async function bundle(fixture: string): Promise<{ bytes: number; bytesBy: (prefix: string) => number }> {
  const result = await build({
    entryPoints: [join(__dirname, '..', 'fixtures', `${fixture}.ts`)],
    outfile: `${fixture}.js`,
    write: false,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    mainFields: ['module', 'main'],
    legalComments: 'none',
    tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
    external: ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: workspaceRoot,
  });
  const [output] = Object.values((result.metafile as Metafile).outputs);
  const inputs = Object.entries(output!.inputs);
  return {
    bytes: result.outputFiles[0]!.contents.byteLength,
    bytesBy: (prefix) =>
      inputs
        .filter(([file]) => file.includes(prefix))
        .reduce((sum, [, input]) => sum + input.bytesInOutput, 0),
  };
}

describe('Bundle size of the wrappers', () => {
  it.each([
    ['httpFunction', 49_000],
    ['sqsFunction', 57_000],
    ['scheduleFunction', 47_000],
  ])('keeps %s under its measured budget, the platform code under 12 KB of it', async (fixture, budget) => {
    const empty = await bundle('emptyFunction');
    const wrapped = await bundle(fixture);

    expect(wrapped.bytes - empty.bytes).toBeLessThan(budget);
    expect(wrapped.bytesBy('packages/logging/') + wrapped.bytesBy('packages/lambda/')).toBeLessThan(12_000);
  });

  it('leaves Powertools Tracer out of every wrapper: AWS SDK subsegments are opt-in (captureAwsSdk)', async () => {
    for (const fixture of ['httpFunction', 'sqsFunction', 'scheduleFunction']) {
      const { bytesBy } = await bundle(fixture);
      expect(bytesBy('@aws-lambda-powertools/tracer/')).toBe(0);
      expect(bytesBy('aws-xray-sdk-core/')).toBe(0);
    }
  });

  it('leaves the batch processing of Powertools out of HTTP and schedule functions', async () => {
    for (const fixture of ['httpFunction', 'scheduleFunction']) {
      const { bytesBy } = await bundle(fixture);
      expect(bytesBy('@aws-lambda-powertools/batch/')).toBe(0);
      expect(bytesBy('packages/lambda/src/sqsHandler')).toBe(0);
    }
    expect((await bundle('sqsFunction')).bytesBy('@aws-lambda-powertools/batch/')).toBeGreaterThan(0);
  });
});
