// Handler bundles: size (raw, gzip, and what it is made of) and module-init time of a minimal handler using
// each runtime package, against the same handler written bare and bare with the AWS SDK clients it needs, in
// one run; whether the SDK loads only when first used; the whole cold start with the SDK split into chunks.
// Part of `npm run bench` (`nx run bench:bench`); writes bench/results/handlers.json and fills
// docs/performance.md ("Handlers"). The package READMEs link to it; no benchmark writes into them.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { CATEGORIES, categorize, type Parts } from './lib/bundleParts';
import { lambdaEnv, loadLambdaBuildOptions } from './lib/lambdaEnv';
import { renderDocs } from './lib/render';
import {
  type Cell,
  docsFile,
  resultsDir,
  smoke,
  type Table,
  workspaceRoot,
  writeResult,
} from './lib/results';
import { fmt, type Stats, stats } from './lib/stats';

interface Entry {
  readonly name: string;
  readonly label: string;
  /** The file, from the workspace root; bench/handlers/<name>.ts when not given. */
  readonly entry?: string;
  /** The runtime package the handler shows (the targets apply to these). */
  readonly pkg?: string;
  /** The baseline with the AWS SDK clients it needs. */
  readonly sdk?: string;
}

const ENTRIES: readonly Entry[] = [
  { name: 'bare', label: 'bare handler (no package, no SDK)' },
  { name: 'bare-sqs-client', label: 'bare + `SQSClient` (SendMessage)' },
  { name: 'bare-settings-clients', label: 'bare + `SSMClient` + `SecretsManagerClient`' },
  { name: 'logging', label: '`logger.info` (@platform/logging)', pkg: 'logging' },
  { name: 'caching', label: '`cached()` (@platform/caching)', pkg: 'caching' },
  {
    name: 'settings',
    label: '`getSettings()` (@platform/settings)',
    entry: 'packages/settings/bench/handler.ts',
    pkg: 'settings',
    sdk: 'bare-settings-clients',
  },
  { name: 'queue', label: '`sendMessages()` (@platform/queue)', pkg: 'queue', sdk: 'bare-sqs-client' },
  { name: 'lambda-http', label: '`httpHandler` (@platform/lambda)', pkg: 'lambda' },
  { name: 'lambda-sqs', label: '`sqsHandler` (@platform/lambda)', pkg: 'lambda' },
  { name: 'lambda-schedule', label: '`scheduleHandler` (@platform/lambda)', pkg: 'lambda' },
];
const byName = new Map(ENTRIES.map((e) => [e.name, e]));
/** The lazily loaded SDK, bundled as separate chunks (ESM with code splitting) instead of into the one file. */
const SPLIT = ['queue', 'settings'];

interface Bundle {
  file: string;
  bytes: number;
  gzip?: number;
  parts?: Parts;
  totalBytes?: number;
  chunks?: number;
  init?: Stats;
  cpu?: Stats;
}

const entryFile = (e: Entry) => join(workspaceRoot, e.entry ?? join('bench', 'handlers', `${e.name}.ts`));
const node = (args: string[], env: NodeJS.ProcessEnv = {}, stderr: 'inherit' | 'ignore' = 'inherit') =>
  String(
    execFileSync(process.execPath, args, {
      env: { ...lambdaEnv, ...env },
      stdio: ['ignore', 'pipe', stderr],
    }),
  );
const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const signed = (value: number, digits = 1) => `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(digits)}`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');

async function main() {
  const runs = smoke() ? 1 : Number(process.env.BENCH_RUNS ?? 15);
  const lambdaBuildOptions = await loadLambdaBuildOptions();
  // Inside the workspace (tmp/ is ignored by git), so that bundles built with the SDK external resolve it.
  mkdirSync(join(workspaceRoot, 'tmp'), { recursive: true });
  const out = mkdtempSync(join(workspaceRoot, 'tmp', 'bench-handlers-'));
  try {
    const tables = await measure(out, runs, lambdaBuildOptions);
    await writeResult('handlers', 'npm run bench', tables);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  await renderDocs(docsFile(), resultsDir());
}

type Options = (entry: string, outfile: string | undefined) => BuildOptions;

async function measure(
  out: string,
  runs: number,
  lambdaBuildOptions: Options,
): Promise<Record<string, Table>> {
  // 1. Production bundles: size, and which inputs the bytes come from (esbuild metafile).
  const results = new Map<string, Bundle>();
  for (const e of ENTRIES) {
    const file = join(out, e.name, 'index.js');
    const { metafile } = await build(lambdaBuildOptions(entryFile(e), file));
    const code = readFileSync(file);
    const output = Object.values(metafile!.outputs).find((o) => o.entryPoint)!;
    results.set(e.name, {
      file,
      bytes: code.length,
      gzip: gzipSync(code).length,
      parts: categorize(metafile!, output),
    });
  }
  for (const name of SPLIT) {
    const { outfile: _one, ...options } = lambdaBuildOptions(entryFile(byName.get(name)!), undefined);
    const outdir = join(out, 'split', name);
    const { metafile } = await build({
      ...options,
      outdir,
      format: 'esm',
      splitting: true,
      entryNames: 'index',
      outExtension: { '.js': '.mjs' },
      // Bundled CommonJS code may still call require() for Node built-ins.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const outputs = Object.entries(metafile!.outputs).filter(([path]) => path.endsWith('.mjs'));
    results.set(`${name}-split`, {
      file: join(outdir, 'index.mjs'),
      bytes: outputs.find(([, o]) => o.entryPoint)![1].bytes,
      totalBytes: outputs.reduce((sum, [, o]) => sum + o.bytes, 0),
      chunks: outputs.length,
    });
  }

  // 2. Init: the runtime's load of the handler module in a fresh process, all bundles taking turns.
  const probe = join(__dirname, 'lib', 'init-probe.cjs');
  const timed = [...results.keys()];
  const wallMs = new Map<string, number[]>(timed.map((n) => [n, []]));
  const cpuMs = new Map<string, number[]>(timed.map((n) => [n, []]));
  for (let run = 0; run < runs; run++) {
    for (const name of timed) {
      const [wall, cpu] = node([probe, results.get(name)!.file, '--cpu'])
        .split(' ')
        .map(Number);
      wallMs.get(name)!.push(wall!);
      cpuMs.get(name)!.push(cpu!);
    }
  }
  for (const name of timed) {
    results.get(name)!.init = stats(wallMs.get(name)!);
    results.get(name)!.cpu = stats(cpuMs.get(name)!);
  }

  // 2b. The whole cold start of the handlers that call AWS: init, then the first invocation, its AWS calls
  // answered by a local stub in its own process. What splitting saves at init, does the first invocation pay back?
  const stub = spawn(
    join(workspaceRoot, 'node_modules', '.bin', 'tsx'),
    [join(__dirname, 'lib', 'awsStub.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const [endpointLine] = (await once(stub.stdout!, 'data')) as [Buffer];
  const endpoint = String(endpointLine).trim();
  const coldProbe = join(__dirname, 'lib', 'cold-start-probe.cjs');
  const coldEnv = { AWS_ENDPOINT_URL: endpoint, QUEUE_URL: `${endpoint}/123456789012/bench-orders` };
  const coldTimed = SPLIT.flatMap((n) => [n, `${n}-split`]);
  const coldRaw = new Map(
    coldTimed.map((n) => [n, { init: [] as number[], first: [] as number[], total: [] as number[] }]),
  );
  try {
    for (let run = 0; run < runs; run++) {
      for (const name of coldTimed) {
        const { init, first } = JSON.parse(node([coldProbe, results.get(name)!.file], coldEnv)) as {
          init: { cpuMs: number };
          first: { cpuMs: number };
        };
        const raw = coldRaw.get(name)!;
        raw.init.push(init.cpuMs);
        raw.first.push(first.cpuMs);
        raw.total.push(init.cpuMs + first.cpuMs);
      }
    }
  } finally {
    stub.stdin!.end();
  }

  // 3. Does the SDK load only when first used? The same handlers with the SDK left external, so that Node's
  // require cache shows which SDK modules are loaded after init and after the first call.
  const lazyProbe = join(__dirname, 'lib', 'sdk-load-probe.cjs');
  const lazy = new Map<string, { atInit: number; afterFirstCall: number }>();
  for (const name of ['bare-sqs-client', 'queue', 'bare-settings-clients', 'settings']) {
    const file = join(out, 'external', `${name}.js`);
    await build({
      ...lambdaBuildOptions(entryFile(byName.get(name)!), file),
      external: ['@aws-sdk/*', '@smithy/*'],
      // import() of the SDK as require(), as esbuild does for what it bundles, so that the require cache sees it.
      supported: { 'dynamic-import': false },
    });
    // The first call's AWS request goes to a closed local port; only the loading is of interest.
    const closed = 'http://127.0.0.1:9';
    const env = { AWS_ENDPOINT_URL: closed, QUEUE_URL: `${closed}/123456789012/bench-orders` };
    lazy.set(
      name,
      JSON.parse(node([lazyProbe, file], env, 'ignore')) as { atInit: number; afterFirstCall: number },
    );
  }

  // The tables. Deltas and targets use the CPU time of the load: on a machine shared with other work, wall
  // time stretches with the load (runnable processes wait for a core), CPU time much less.
  const r = (name: string) => results.get(name)!;
  const ms = (name: string) => r(name).cpu!.median;
  const parts = (name: string) => r(name).parts!;
  const added = (name: string, base: string) =>
    `${signed((r(name).bytes - r(base).bytes) / 1000)} KB, ${signed(ms(name) - ms(base))} ms`;
  const baseOf = (e: Entry) => e.sdk ?? 'bare';
  const sizeRow = (e: Entry): Cell[] => [
    e.label,
    kb(r(e.name).bytes),
    kb(r(e.name).gzip!),
    fmt(r(e.name).init!, 1),
    fmt(r(e.name).cpu!, 1),
    e.name === 'bare' ? 'baseline' : added(e.name, 'bare'),
    e.sdk ? `${added(e.name, e.sdk)} (init ×${(ms(e.name) / ms(e.sdk)).toFixed(2)})` : '',
  ];
  const target = (e: Entry): Cell[] => {
    const base = baseOf(e);
    const bytes = r(e.name).bytes - r(base).bytes;
    const initMs = ms(e.name) - ms(base);
    return [
      e.label,
      e.sdk
        ? `bare + ${e.sdk === 'bare-sqs-client' ? 'SQSClient' : 'SSM and Secrets Manager clients'}`
        : 'bare',
      `${kb(bytes)} KB ${mark(bytes < 30_000)}`,
      kb(parts(e.name).platform),
      kb(parts(e.name).powertools),
      kb(parts(e.name).library),
      kb(parts(e.name).sdk - parts(base).sdk),
      `${signed(initMs)} ms ${mark(initMs < 10)}`,
    ];
  };
  const coldStats = (name: string, phase: 'init' | 'first' | 'total') =>
    fmt(stats(coldRaw.get(name)![phase]), 1);
  const R = 'right' as const;
  const L = 'left' as const;
  return {
    sizes: {
      columns: [
        'handler',
        'KB',
        'gzip KB',
        'init wall ms, median (min–max)',
        'init CPU ms, median (min–max)',
        'added to bare (KB, CPU ms)',
        'added to bare + its SDK clients',
      ],
      align: [L, R, R, R, R, R, R],
      rows: ENTRIES.map(sizeRow),
    },
    parts: {
      columns: ['handler', ...CATEGORIES.map((c) => c.label), 'total'],
      align: [L, ...CATEGORIES.map(() => R), R],
      rows: ENTRIES.map((e) => [
        e.label,
        ...CATEGORIES.map((c) => kb(parts(e.name)[c.key])),
        kb(r(e.name).bytes),
      ]),
    },
    targets: {
      columns: [
        'handler',
        'compared with',
        'added, minified (target < 30 KB)',
        'of it: platform code',
        'Powertools',
        'other libraries',
        'more AWS SDK code',
        'added init, CPU (target < 10 ms)',
      ],
      align: [L, L, R, R, R, R, R, R],
      rows: ENTRIES.filter((e) => e.pkg).map(target),
    },
    lazy: {
      columns: ['handler (SDK external)', 'SDK modules loaded at init', 'after the first call'],
      rows: [...lazy.entries()].map(([name, l]) => [byName.get(name)!.label, l.atInit, l.afterFirstCall]),
    },
    split: {
      columns: [
        'handler',
        'init CPU ms, one CommonJS file',
        'init CPU ms, ESM + code splitting',
        'ESM entry + chunks',
      ],
      align: [L, R, R, L],
      rows: SPLIT.map((name) => {
        const split = r(`${name}-split`);
        return [
          byName.get(name)!.label,
          fmt(r(name).cpu!, 1),
          fmt(split.cpu!, 1),
          `${kb(split.bytes)} KB + ${split.chunks! - 1} chunks (${kb(split.totalBytes!)} KB)`,
        ];
      }),
    },
    'cold-start': {
      columns: ['handler', 'format', 'init CPU ms', 'first invocation CPU ms', 'cold start CPU ms'],
      align: [L, L, R, R, R],
      rows: SPLIT.flatMap((name) =>
        [
          [name, 'one CommonJS file (production)'],
          [`${name}-split`, 'ESM + code splitting'],
        ].map(([key, format]) => [
          byName.get(name)!.label,
          format!,
          coldStats(key!, 'init'),
          coldStats(key!, 'first'),
          coldStats(key!, 'total'),
        ]),
      ),
    },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
