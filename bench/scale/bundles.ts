// Per example function, as `nx build` made it in the copy: size (raw, gzip), module-init time in a fresh
// process against a bare handler and a bare handler with the AWS SDK clients the function calls (built in
// the same run), and the SDK clients it bundles against those it calls.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { sdkClientBytes } from '../lib/bundleParts';
import { initTimes, loadLambdaBuildOptions } from '../lib/lambdaEnv';
import type { Stats } from '../lib/stats';
import type { Copy } from './workspace';
import { loadByPath } from '../lib/load';

interface ClientCall {
  readonly client: string;
  readonly command: string;
  readonly input: string;
  readonly provider?: string;
}

export interface FunctionBundle {
  name: string;
  app: string;
  fn: string;
  file?: string;
  bytes: number;
  gzip: number;
  bundled: Record<string, number>;
  called: string[];
  unused: { client: string; bytes: number; chain: string }[];
  baseline?: string;
  init?: Stats;
  without?: {
    providers: string[];
    file?: string;
    bytes: number;
    gzip: number;
    clients: string[];
    init?: Stats;
  };
}

export interface Baseline {
  clients: string[];
  file?: string;
  bytes: number;
  gzip: number;
  init?: Stats;
}

export interface BundlesResult {
  readonly functions: FunctionBundle[];
  readonly baselines: Record<string, Baseline>;
}

// The clients the platform's packages call, each with the call a bare baseline makes and, for settings,
// the Powertools provider that imports it.
const CLIENTS: Record<string, ClientCall> = {
  '@aws-sdk/client-ssm': {
    client: 'SSMClient',
    command: 'GetParametersByPathCommand',
    input: "{ Path: '/bench/bench/', Recursive: true, WithDecryption: true }",
    provider: '@aws-lambda-powertools/parameters/ssm',
  },
  '@aws-sdk/client-secrets-manager': {
    client: 'SecretsManagerClient',
    command: 'GetSecretValueCommand',
    input: "{ SecretId: 'bench/api-key' }",
    provider: '@aws-lambda-powertools/parameters/secrets',
  },
  '@aws-sdk/client-sqs': {
    client: 'SQSClient',
    command: 'SendMessageBatchCommand',
    input: "{ QueueUrl: process.env.QUEUE_URL, Entries: [{ Id: '1', MessageBody: 'x' }] }",
  },
  '@aws-sdk/client-dynamodb': {
    client: 'DynamoDBClient',
    command: 'PutItemCommand',
    input: "{ TableName: 'bench', Item: { id: { S: 'x' } } }",
  },
};
const short = (pkg: string) => pkg.replace('@aws-sdk/client-', '');

/** The example functions: every function of orders and reports, and of the first three generated services. */
export function exampleFunctions(copy: Copy, generated: string[]): { app: string; fn: string }[] {
  const apps = ['orders', 'reports', ...generated.slice(0, 3)];
  return apps.flatMap((app) => {
    const dir = join(copy.dir, 'dist', 'apps', app);
    if (!existsSync(join(dir, 'bundles.json'))) return [];
    return Object.keys(JSON.parse(readFileSync(join(dir, 'bundles.json'), 'utf8')) as object).map((fn) => ({
      app,
      fn,
    }));
  });
}

/**
 * The clients a function's code calls: SSM when its app's settings declare a parameter and Secrets Manager
 * when they declare a secret (getSettings reads every declared value), SQS when it sends with
 * @platform/queue, DynamoDB when it uses Powertools idempotency, and any client the app imports itself.
 */
function calledClients(copy: Copy, app: string, metafile: Metafile): string[] {
  const inputs = Object.keys(metafile.inputs);
  const called = new Set<string>();
  if (inputs.some((p) => p.includes('packages/settings/src/'))) {
    const { settings } = loadByPath(join(copy.dir, 'apps', app, 'src', 'settings.ts')) as {
      settings: { declaration: { parameters: unknown[]; secrets: unknown[] } };
    };
    if (settings.declaration.parameters.length > 0) called.add('@aws-sdk/client-ssm');
    if (settings.declaration.secrets.length > 0) called.add('@aws-sdk/client-secrets-manager');
  }
  if (inputs.some((p) => p.includes('packages/queue/src/'))) called.add('@aws-sdk/client-sqs');
  if (inputs.some((p) => /@aws-lambda-powertools\/idempotency\/.*dynamodb/i.test(p)))
    called.add('@aws-sdk/client-dynamodb');
  for (const [path, input] of Object.entries(metafile.inputs)) {
    if (!path.startsWith(`apps/${app}/`)) continue;
    for (const { path: imported } of input.imports) {
      const client = /node_modules\/(@aws-sdk\/client-[^/]+)\//.exec(imported)?.[1];
      if (client) called.add(client);
    }
  }
  return [...called].sort();
}

/** Why `client` is in the bundle: the first platform or app file on the import chain and what it imports. */
function importChain(metafile: Metafile, client: string): string {
  const importers = new Map<string, string[]>();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    for (const { path: imported } of input.imports)
      importers.set(imported, [...(importers.get(imported) ?? []), path]);
  }
  const start = Object.keys(metafile.inputs).filter((p) => p.includes(`node_modules/${client}/`));
  const seen = new Set(start);
  const queue = start.map((p) => [p]);
  while (queue.length > 0) {
    const chain = queue.shift()!;
    for (const from of importers.get(chain[0]!) ?? []) {
      if (seen.has(from)) continue;
      seen.add(from);
      if (!from.includes('node_modules/')) {
        const pkg = (p: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1];
        // The packages on the way, in import order, without repeats.
        const packages = chain.map(pkg).filter((p, i, all) => p && p !== all[i - 1]);
        return `${from} → ${packages.join(' → ')}`;
      }
      queue.push([from, ...chain]);
    }
  }
  return '?';
}

const entryOf = (clients: string[]) => {
  const lines = clients.map(
    (pkg, i) =>
      `import { ${CLIENTS[pkg]!.client} as C${i}, ${CLIENTS[pkg]!.command} as K${i} } from '${pkg}';`,
  );
  lines.push(...clients.map((_, i) => `const c${i} = new C${i}({});`));
  lines.push(
    'export const handler = async () => {',
    `  await Promise.all([${clients.map((pkg, i) => `c${i}.send(new K${i}(${CLIENTS[pkg]!.input}))`).join(', ')}]);`,
    '  return { statusCode: 200 };',
    '};',
  );
  return `${lines.join('\n')}\n`;
};

// Resolves the named modules to one that throws when evaluated: the bundle as it would be without them.
const without = (modules: string[]): Plugin => ({
  name: 'bench-without',
  setup(b) {
    const filter = new RegExp(
      `^(${modules.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`,
    );
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'bench-without' }));
    b.onLoad({ filter: /.*/, namespace: 'bench-without' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is left out of this bundle`)});`,
      loader: 'js',
    }));
  },
});

const sizeOf = (file: string) => {
  const code = readFileSync(file);
  return { bytes: code.length, gzip: gzipSync(code).length };
};

export async function measureBundles(
  copy: Copy,
  { generated, runs }: { generated: string[]; runs: number },
): Promise<BundlesResult> {
  const lambdaBuildOptions = await loadLambdaBuildOptions(copy.dir);
  const scratch = join(copy.dir, 'tmp', 'bench-scale', 'bundles');
  mkdirSync(scratch, { recursive: true });
  const bundle = async (entry: string, name: string, plugins: Plugin[] = []) => {
    const outfile = join(scratch, name, 'index.js');
    const { metafile } = await build({ ...lambdaBuildOptions(entry, outfile), plugins });
    return { file: outfile, metafile: metafile! };
  };

  const functions = exampleFunctions(copy, generated).map(({ app, fn }): FunctionBundle => {
    const dir = join(copy.dir, 'dist', 'apps', app, fn);
    const metafile = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Metafile;
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
    const bundled = sdkClientBytes(output);
    const called = calledClients(copy, app, metafile);
    const unused = Object.keys(bundled)
      .filter((c) => !called.includes(c))
      .sort();
    return {
      name: `${app}/${fn}`,
      app,
      fn,
      file: join(dir, 'index.js'),
      ...sizeOf(join(dir, 'index.js')),
      bundled,
      called,
      unused: unused.map((client) => ({
        client,
        bytes: bundled[client]!,
        chain: importChain(metafile, client),
      })),
    };
  });

  // Baselines, built now with the same options: bare, and bare + each set of clients some function calls.
  const files: Record<string, string> = {};
  const baselines: Record<string, Baseline> = {};
  const bare = await bundle(join(copy.dir, 'bench', 'handlers', 'bare.ts'), 'bare');
  baselines.bare = { clients: [], file: bare.file, ...sizeOf(bare.file) };
  for (const f of functions) {
    const key = f.called.length === 0 ? 'bare' : `bare+${f.called.map(short).join('+')}`;
    f.baseline = key;
    if (baselines[key]) continue;
    const entry = join(scratch, `${key}.ts`);
    writeFileSync(entry, entryOf(f.called));
    const built = await bundle(entry, key);
    baselines[key] = { clients: f.called, file: built.file, ...sizeOf(built.file) };
  }
  // The functions that bundle a client they never call, rebuilt without the Powertools provider that imports it.
  for (const f of functions) {
    const providers = f.unused
      .map((u) => CLIENTS[u.client]?.provider)
      .filter((p): p is string => p !== undefined);
    if (providers.length === 0 || providers.length < f.unused.length) continue;
    const entry = join(copy.dir, 'apps', f.app, 'src', 'handlers', `${f.fn}.ts`);
    const built = await bundle(entry, `${f.app}-${f.fn}-without`, [without(providers)]);
    const output = Object.values(built.metafile.outputs).find((o) => o.entryPoint)!;
    f.without = {
      providers,
      file: built.file,
      ...sizeOf(built.file),
      clients: Object.keys(sdkClientBytes(output)),
    };
  }

  for (const [key, b] of Object.entries(baselines)) files[key] = b.file!;
  for (const f of functions) {
    files[f.name] = f.file!;
    if (f.without) files[`${f.name} without`] = f.without.file!;
  }
  const init = initTimes(files, runs);
  for (const [key, b] of Object.entries(baselines)) b.init = init[key];
  for (const f of functions) {
    f.init = init[f.name];
    if (f.without) f.without.init = init[`${f.name} without`];
  }
  for (const b of Object.values(baselines)) delete b.file;
  for (const f of functions) {
    delete f.file;
    if (f.without) delete f.without.file;
  }
  return { functions, baselines };
}

export const listGenerated = (copy: Copy): string[] =>
  readdirSync(join(copy.dir, 'apps'))
    .filter((a) => /^svc-\d{3}$/.test(a))
    .sort();
