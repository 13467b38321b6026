// One synth measurement in a fresh process: BENCH_SERVICES services × BENCH_ENVS environments,
// optionally a BENCH_SELECTION. Prints one JSON line.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadByPath } from './lib/load';

// Loaded by path: bench imports no other project's source (its Nx dependency on stacks is implicit).
const stacksLib = (name: string) => loadByPath<unknown>(join(__dirname, '..', 'stacks', 'lib', `${name}.ts`));
const { buildApp } = stacksLib('app') as typeof import('../stacks/lib/app');
const { withoutSourceMaps } = stacksLib('sourceMaps') as typeof import('../stacks/lib/sourceMaps');
const { defineTopology } = stacksLib('topology') as typeof import('../stacks/lib/topology');

const services = Number(process.env.BENCH_SERVICES ?? 1);
const envs = ['dev', 'staging', 'prod'].slice(0, Number(process.env.BENCH_ENVS ?? 3));
const zip = resolve(process.env.BENCH_ZIP ?? '');
const dir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
const names = Array.from({ length: services }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
for (const name of names) {
  mkdirSync(join(dir, 'stacks', name, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'stacks', name, 'src', 'stack.ts'),
    `export { default } from ${JSON.stringify(resolve(__dirname, 'fixtures', 'bench-stack'))};\n`,
  );
  mkdirSync(join(dir, 'dist', name), { recursive: true });
  copyFileSync(zip, join(dir, 'dist', name, 'handler.zip'));
}
const accounts = Object.fromEntries(envs.map((e, i) => [`team-${e}`, { id: String(100000000000 + i) }]));
const topology = defineTopology({
  organization: 'bench',
  repository: 'bench/platform',
  environments: envs,
  defaultRegion: 'eu-west-1',
  accounts,
  teams: { team: { accounts: Object.fromEntries(envs.map((e) => [e, `team-${e}`])) } },
  services: Object.fromEntries(names.map((n) => [n, { team: 'team' }])),
});

const started = performance.now();
// As stacks/main.ts synthesizes: source maps off while the stacks are built.
const stacks = withoutSourceMaps(() => {
  const app = buildApp({
    topology,
    selection: process.env.BENCH_SELECTION,
    outdir: join(dir, 'out'),
    stacksDir: join(dir, 'stacks'),
    artifactsRoot: join(dir, 'dist'),
  });
  app.synth();
  return app.node.children.length;
});
const synthMs = performance.now() - started;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({ stacks, synthMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
