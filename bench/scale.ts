// Scale benchmark (issue 7): in a temporary copy of the repository, grows the number of generated services
// through SIZES and measures at each size synth (full, one selected stack, through Nx), `nx affected` after a
// one-service change, and at chosen sizes the full test run and the Terraform check; at the largest size
// the example functions' bundles. Writes bench/results/scale.json and fills docs/performance.md ("Scale").
//
//   npm run bench:scale                  N = 1, 10, 50, 100 (about 20 minutes on 2 cores)
//   npm run bench:scale -- --quick       N = 1, 10, fewer runs (development)
//   BENCH_SMOKE=1                        N = 1, one run, generation, builds and `nx affected` only
//   options: --sizes=1,10 --runs=5 --only=synth,nx-synth,affected,tests,terraform,bundles
//            --keep (leave the copy in /tmp) --no-write (print, do not touch the docs)
//            --report=<results.json> (write the docs from a saved run)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { renderDocs } from './lib/render';
import { docsFile, resultsDir, smoke, workspaceRoot as root, writeResult } from './lib/results';
import { machine } from './lib/stats';
import { measureAffected, measureTests } from './scale/affected';
import { listGenerated, measureBundles } from './scale/bundles';
import {
  buildApps,
  measureAppBuild,
  measureNxSynth,
  measureSubsets,
  measureSynth,
  profileSynth,
} from './scale/synth';
import { type ScaleResults, scaleTables, type SizeResult } from './scale/tables';
import { measureTerraform } from './scale/terraform';
import {
  commitAll,
  createBaselineCopy,
  createCopy,
  generateInProcess,
  generateWithCli,
  nx,
  specOf,
} from './scale/workspace';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const flag = (name: string) => process.argv.includes(`--${name}`);
const quick = flag('quick');
const ALL_PHASES = ['synth', 'nx-synth', 'affected', 'tests', 'terraform', 'bundles'];
const SIZES = (option('sizes') ?? (smoke() ? '1' : quick ? '1,10' : '1,10,50,100')).split(',').map(Number);
const RUNS = Number(option('runs') ?? (smoke() ? 1 : quick ? 3 : 5));
const PHASES = new Set((option('only') ?? (smoke() ? 'affected' : ALL_PHASES.join(','))).split(','));
for (const phase of PHASES) {
  if (!ALL_PHASES.includes(phase))
    throw new Error(
      `--only=${option('only')}: "${phase}" is no phase. Choose from ${ALL_PHASES.join(', ')}.`,
    );
}
for (const size of SIZES) {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(
      `--sizes=${option('sizes')}: every size must be a whole number of services, at least 1 (e.g. --sizes=1,10).`,
    );
}
const largest = Math.max(...SIZES);
// The full test run takes minutes: once, at N = 10 (or the largest size below it). The Terraform check:
// every stack at that size, and a sample at the largest (per-stack cost is what is compared).
const TEST_SIZE = Math.max(...SIZES.filter((n) => n <= 10));
const TERRAFORM_SAMPLE = 20;

const resultsFile = join(root, 'tmp', 'bench-scale-results.json');
const elapsed = (() => {
  const started = performance.now();
  return () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
})();
// Other work on the machine shifts the timings: the 1-minute load average is recorded with every step.
const loads: number[] = [];
const log = (line: string) => {
  loads.push(loadavg()[0]!);
  console.log(`[${elapsed()}] ${line} (load ${loads.at(-1)!.toFixed(1)})`);
};

async function run(): Promise<ScaleResults> {
  if (!process.env.TF_PLUGIN_MIRROR && (PHASES.has('tests') || PHASES.has('terraform'))) {
    console.warn(
      'TF_PLUGIN_MIRROR is not set: Terraform will install the AWS provider from the registry (see .ci/run).',
    );
  }
  const results: ScaleResults = {
    machine: machine(),
    sizes: SIZES,
    runs: RUNS,
    repository: {
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim(),
      changedFiles: execFileSync('git', ['status', '--porcelain'], { cwd: root })
        .toString()
        .trim()
        .split('\n')
        .filter(Boolean).length,
    },
    bySize: {},
  };
  const copy = createCopy();
  results.repository.services = copy.existingServices;
  log(`copy of the repository in ${copy.dir}; it holds services ${copy.existingServices.join(', ')}`);
  const baseline = PHASES.has('synth') ? await createBaselineCopy() : undefined;
  /** The first generated service: the one changed, selected and built alone. */
  const first = specOf(copy, 0).name;
  try {
    let generated = 0;
    for (const size of SIZES) {
      const at: SizeResult = { size };
      results.bySize[size] = at;
      // 1. Generate up to `size` services: the first through `nx g`, the rest in-process.
      const specs = Array.from({ length: size - generated }, (_, i) => specOf(copy, generated + i));
      if (generated === 0 && specs.length > 0) {
        const cli = await generateWithCli(copy, specs.shift()!);
        results.nxGenerate = { wallMs: cli.wallMs, peakRssMiB: cli.peakRssMiB };
        generated++;
      }
      at.generateMs = await generateInProcess(copy, specs);
      generated = size;
      commitAll(copy, `${size} generated services`);
      log(`N = ${size}: generated (${at.generateMs.length} in-process)`);

      // 2. Build what is new (the earlier apps come from the Nx cache), then synth with the builds done.
      at.build = await buildApps(copy);
      log(`N = ${size}: built ${at.build.built} apps in ${(at.build.wallMs / 1000).toFixed(1)} s`);
      if (PHASES.has('synth')) {
        Object.assign(
          at,
          await measureSynth(copy, { runs: RUNS, selected: `${first}-dev`, baseline: baseline! }),
        );
        log(
          `N = ${size}: synth ${at.full!.stacks} stacks ${(at.full!.wall.median / 1000).toFixed(1)} s, one ${(at.selected!.wall.median / 1000).toFixed(1)} s`,
        );
      }
      if (PHASES.has('synth') && size === largest && size >= 20) {
        const services = Array.from({ length: size }, (_, i) => specOf(copy, i).name);
        const counts = [...new Set([10, Math.round(size / 2), size])];
        results.subsets = await measureSubsets(copy, { runs: RUNS, counts, services });
        log(`N = ${size}: synthesized ${counts.join(', ')} of its services`);
      }
      if (PHASES.has('synth') && (size === SIZES[0] || size === largest)) {
        // Where the time goes: one more full synth under the V8 profiler (not among the timed runs).
        at.profile = await profileSynth(copy);
        log(`N = ${size}: profiled (${(at.profile.totalMs / 1000).toFixed(1)} s)`);
      }
      if (PHASES.has('nx-synth')) {
        at.nxSynth = await measureNxSynth(copy, { runs: Math.min(RUNS, 3) });
        log(`N = ${size}: npm run synth ${(at.nxSynth.wall.median / 1000).toFixed(1)} s`);
      }
      // 3. One service changes.
      if (PHASES.has('affected')) {
        at.affected = await measureAffected(copy, {
          service: first,
          file: `apps/${first}/src/domain/handle-request.ts`,
          runs: RUNS,
        });
        log(
          `N = ${size}: affected ${at.affected.tasks.length} of ${at.affected.fullTasks} tasks, warm ${(at.affected.warm.wall.median / 1000).toFixed(1)} s`,
        );
      }
      // 4. Tests and the Terraform check.
      if (PHASES.has('tests') && size === TEST_SIZE) {
        at.tests = await measureTests(copy);
        log(
          `N = ${size}: npm test ${(at.tests.wallMs / 1000).toFixed(0)} s, ${at.tests.failed.length} failed`,
        );
      }
      if (PHASES.has('terraform') && (size === TEST_SIZE || (size === largest && size > TEST_SIZE))) {
        let stacks: string[] | undefined;
        if (size > TEST_SIZE) {
          const all = readdirSync(join(copy.dir, 'cdktf.out', 'stacks')).sort();
          const bootstraps = all.filter((s) => s.startsWith('bootstrap-'));
          const services = all.filter((s) => !s.startsWith('bootstrap-'));
          // Every bootstrap stack (their roles list every service: they grow with N), and service stacks
          // spread evenly over the rest: two roots of 10 in all.
          const count = TERRAFORM_SAMPLE - bootstraps.length;
          stacks = [
            ...bootstraps,
            ...Array.from({ length: count }, (_, i) => services[Math.floor((i * services.length) / count)]!),
          ];
        }
        if (!results.terraformFirstInit) {
          // The provider is installed into the plugin cache once; the measured checks then link it.
          const once = await measureTerraform(copy, { label: 'first', stacks: [`${first}-dev`] });
          results.terraformFirstInit = once.byCommand.init?.seconds;
        }
        at.terraform = await measureTerraform(copy, { label: String(size), stacks });
        log(
          `N = ${size}: Terraform check of ${at.terraform.stacks} stacks ${(at.terraform.wallMs / 1000).toFixed(0)} s`,
        );
      }
      if (size === largest) {
        if (PHASES.has('bundles')) {
          results.bundles = await measureBundles(copy, {
            generated: listGenerated(copy),
            runs: Math.max(RUNS, 11),
          });
          log('bundles measured');
        }
        results.appBuild = {
          generated: await measureAppBuild(copy, first, RUNS),
          orders: await measureAppBuild(copy, 'orders', RUNS),
        };
        // The CLI once more at the largest size (dry run: nothing written), against the first call.
        const dry = await nx(copy, [
          'g',
          '@platform/nx-plugin:service',
          'svc-dry',
          '--team',
          'commerce',
          '--dry-run',
        ]);
        results.nxGenerateLargest = { wallMs: dry.wallMs, size };
      }
      mkdirSync(join(root, 'tmp'), { recursive: true });
      writeFileSync(resultsFile, JSON.stringify(results, null, 1));
    }
  } finally {
    if (flag('keep')) log(`kept ${copy.dir}`);
    else {
      copy.remove();
      baseline?.remove();
    }
  }
  results.totalSeconds = Number(elapsed().split(' ')[0]);
  results.load = { min: Math.min(...loads), max: Math.max(...loads) };
  writeFileSync(resultsFile, JSON.stringify(results, null, 1));
  log(`results in ${resultsFile}`);
  return results;
}

async function main() {
  const report = option('report');
  const results = report ? (JSON.parse(readFileSync(report, 'utf8')) as ScaleResults) : await run();
  const tables = scaleTables(results);
  if (flag('no-write')) {
    console.log(JSON.stringify(tables, null, 1));
    return;
  }
  await writeResult('scale', 'npm run bench:scale', tables);
  await renderDocs(docsFile(), resultsDir());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
