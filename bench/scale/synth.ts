// Synth at one repository size: the app's own process (`tsx stacks/main.ts`, what `stacks:synth` runs, with
// the builds done), the same through Nx (`npm run synth` with the builds cached), one selected stack, and the
// builds themselves.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CallFrame, profileByCategory, type ProfileRule, type ProfileSummary } from '../lib/cpuProfile';
import { runMeasured } from '../lib/procTree';
import { type Stats, stats } from '../lib/stats';
import { benchEnv, type Copy, nx } from './workspace';

const probe = join(__dirname, 'synth-probe.cjs');

interface SynthRun {
  wallMs: number;
  peakRssMiB: number;
  loadAndBuildMs: number;
  synthMs: number;
  totalMs: number;
  stacks: number;
  maxRssMiB: number;
}

export interface SynthSummary {
  readonly stacks: number;
  readonly wall: Stats;
  readonly loadAndBuild: Stats;
  readonly write: Stats;
  readonly peakRss: Stats;
  readonly processRss: Stats;
}

/** One `tsx stacks/main.ts` in the copy: wall, peak RSS of the process tree, and the probe's split. */
async function synthOnce(copy: Copy, env: Record<string, string> = {}): Promise<SynthRun> {
  const scratch = join(copy.dir, 'tmp', 'bench-scale');
  mkdirSync(scratch, { recursive: true });
  const probeFile = join(scratch, 'synth-probe.json');
  rmSync(probeFile, { force: true });
  const run = await runMeasured(join(copy.dir, 'node_modules', '.bin', 'tsx'), ['stacks/main.ts'], {
    cwd: copy.dir,
    env: benchEnv({ ...env, NODE_OPTIONS: `--require ${probe}`, SCALE_SYNTH_PROBE: probeFile }),
  });
  const split = JSON.parse(readFileSync(probeFile, 'utf8')) as Omit<SynthRun, 'wallMs' | 'peakRssMiB'>;
  return { wallMs: run.wallMs, peakRssMiB: run.peakRssMiB, ...split };
}

const summarize = (runs: SynthRun[]): SynthSummary => ({
  stacks: runs[0]!.stacks,
  wall: stats(runs.map((r) => r.wallMs)),
  loadAndBuild: stats(runs.map((r) => r.loadAndBuildMs)),
  write: stats(runs.map((r) => r.synthMs)),
  peakRss: stats(runs.map((r) => r.peakRssMiB)),
  processRss: stats(runs.map((r) => r.maxRssMiB)),
});

/**
 * Full synth and one selected stack, and the same stack in `baseline` (a copy holding one generated service):
 * runs alternate, so that the ratio to the baseline compares runs made in the same minutes.
 */
export async function measureSynth(
  copy: Copy,
  { runs, selected, baseline }: { runs: number; selected: string; baseline: Copy },
) {
  const full: SynthRun[] = [];
  const one: SynthRun[] = [];
  const base: SynthRun[] = [];
  const selectOne = (c: Copy) =>
    synthOnce(c, {
      PLATFORM_STACKS: selected,
      PLATFORM_OUTDIR: join(c.dir, 'tmp', 'bench-scale', 'selected-out'),
    });
  // Not counted: the first run after new services were generated compiles their stack modules into tsx's cache.
  await synthOnce(copy);
  await selectOne(copy);
  await selectOne(baseline);
  for (let i = 0; i < runs; i++) {
    full.push(await synthOnce(copy));
    one.push(await selectOne(copy));
    base.push(await selectOne(baseline));
  }
  return {
    full: summarize(full),
    selected: { name: selected, ...summarize(one) },
    baselineSelected: summarize(base),
  };
}

/**
 * Cost per stack at equal conditions: in one copy, the stacks of the first `counts` generated services
 * (PLATFORM_STACKS), runs interleaved, so that the load of the machine cannot pass for growth.
 */
export async function measureSubsets(
  copy: Copy,
  { runs, counts, services }: { runs: number; counts: number[]; services: string[] },
): Promise<(SynthSummary & { services: number })[]> {
  const selection = (count: number) =>
    services
      .slice(0, count)
      .map((s) => `${s}-*`)
      .join(',');
  const outdir = join(copy.dir, 'tmp', 'bench-scale', 'subset-out');
  const byCount = new Map<number, SynthRun[]>(counts.map((c) => [c, []]));
  for (let i = 0; i < runs; i++) {
    for (const count of counts) {
      byCount
        .get(count)!
        .push(await synthOnce(copy, { PLATFORM_STACKS: selection(count), PLATFORM_OUTDIR: outdir }));
    }
  }
  return counts.map((count) => ({ services: count, ...summarize(byCount.get(count)!) }));
}

/** `npm run synth` (= `nx run stacks:synth`) with every build in the Nx cache: what a developer waits for. */
export async function measureNxSynth(copy: Copy, { runs }: { runs: number }) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await nx(copy, ['run', 'stacks:synth']));
  const cache = /Cache:\s+(\d+)\/(\d+) hit/.exec(results[0]!.stdout);
  return {
    wall: stats(results.map((r) => r.wallMs)),
    peakRss: stats(results.map((r) => r.peakRssMiB)),
    cacheHits: cache ? `${cache[1]}/${cache[2]}` : '?',
  };
}

/** Builds every app not built yet (the others come from the Nx cache); returns what ran and how long. */
export async function buildApps(copy: Copy) {
  const run = await nx(copy, ['run-many', '-t', 'build']);
  const cache = /Cache:\s+(\d+)\/(\d+) hit/.exec(run.stdout);
  const total = cache ? Number(cache[2]) : NaN;
  const hits = cache ? Number(cache[1]) : NaN;
  return { wallMs: run.wallMs, peakRssMiB: run.peakRssMiB, built: total - hits, cached: hits };
}

/** One app's build on its own (`node tools/bundle-functions.mjs apps/<app>`), as its Nx build task runs it. */
export async function measureAppBuild(copy: Copy, app: string, runs: number) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    results.push(
      await runMeasured(process.execPath, ['tools/bundle-functions.mjs', `apps/${app}`], {
        cwd: copy.dir,
        env: benchEnv(),
      }),
    );
  }
  return { wall: stats(results.map((r) => r.wallMs)), peakRss: stats(results.map((r) => r.peakRssMiB)) };
}

const FS_CALLS = new Set([
  'mkdir',
  'rmdir',
  'rmSync',
  'unlink',
  'copyFile',
  'read',
  'open',
  'close',
  'writeFileUtf8',
  'writeString',
  'lstat',
  'stat',
  'readdir',
  'readFileUtf8',
  'existsSync',
  'internalModuleStat',
]);
const cdktfFrame = (name: string) => (f: CallFrame) =>
  f.functionName === name && f.url.includes('/cdktf/lib/');

/** Categories of a synth's CPU profile, first match wins (see bench/lib/cpuProfile.ts). */
export const SYNTH_PROFILE_RULES: readonly ProfileRule[] = [
  { label: 'garbage collection', self: (f) => f.functionName === '(garbage collector)' },
  {
    label: 'loading and compiling modules (tsx)',
    self: (f) =>
      f.url.startsWith('node:internal/modules') ||
      f.url.includes('/node_modules/tsx/') ||
      ['wrapSafe', 'compileFunction'].includes(f.functionName),
  },
  // cdktf records a full stack trace for every token it creates; tsx's source maps make each one costly.
  { label: 'stack traces of cdktf tokens', under: cdktfFrame('captureStackTrace') },
  {
    label: 'guardrails (their toTerraform included)',
    under: (f) => f.url.includes('/guardrails/Guardrails.ts'),
  },
  { label: 'file system', self: (f) => FS_CALLS.has(f.functionName) },
  {
    label: 'cdktf synth: validation, toTerraform, JSON',
    under: (f) => f.functionName === 'synthesize' && f.url.includes('/cdktf/lib/synthesize/'),
  },
  { label: 'constructing the stacks', under: (f) => f.functionName === 'buildApp' },
  { label: 'idle', self: (f) => ['(idle)', '(program)'].includes(f.functionName) },
];

/** One full synth under the V8 profiler (node --cpu-prof --import tsx: one process), by category. */
export async function profileSynth(copy: Copy): Promise<ProfileSummary> {
  const dir = join(copy.dir, 'tmp', 'bench-scale', 'cpu-profile');
  rmSync(dir, { recursive: true, force: true });
  await runMeasured(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', 'stacks/main.ts'],
    {
      cwd: copy.dir,
      env: benchEnv(),
    },
  );
  // Worker threads (tsx's loader) write profiles too: the main thread's is the largest.
  const [file] = readdirSync(dir)
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  return profileByCategory(file!, SYNTH_PROFILE_RULES);
}
