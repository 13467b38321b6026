import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';

// The options of tools/bundle-functions.mjs that decide what lands in a bundle.
const workspaceRoot = join(__dirname, '..', '..', '..', '..');

async function bundledPackages(fixture: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [join(__dirname, '..', 'bundles', `${fixture}.ts`)],
    outfile: `${fixture}.js`,
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    mainFields: ['module', 'main'],
    tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: workspaceRoot,
  });
  const [output] = Object.values((result.metafile as Metafile).outputs);
  return new Set(
    Object.entries(output!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .flatMap(([file]) => {
        const sdk = /node_modules\/(@aws-sdk\/client-[a-z-]+)\//.exec(file)?.[1];
        const provider = /@aws-lambda-powertools\/parameters\/lib\/esm\/(ssm|secrets)\//.exec(file)?.[1];
        return [sdk, provider && `parameters/${provider}`].filter((name): name is string => !!name);
      }),
  );
}

describe('What a settings file brings into a function bundle', () => {
  it('leaves Secrets Manager out when no setting is a secret', async () => {
    const packages = await bundledPackages('parametersOnly');

    expect(packages).toEqual(new Set(['@aws-sdk/client-ssm', 'parameters/ssm']));
  });

  it('brings Secrets Manager in with secret(...)', async () => {
    const packages = await bundledPackages('withSecret');

    expect(packages).toEqual(
      new Set([
        '@aws-sdk/client-ssm',
        'parameters/ssm',
        '@aws-sdk/client-secrets-manager',
        'parameters/secrets',
      ]),
    );
  });

  it('leaves SSM out when every setting is a secret', async () => {
    const packages = await bundledPackages('secretsOnly');

    expect(packages).toEqual(new Set(['@aws-sdk/client-secrets-manager', 'parameters/secrets']));
  });
});
