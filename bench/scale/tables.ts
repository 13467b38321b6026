// The tables of the scale benchmark (bench/results/scale.json) from its measurements. Tables only: the text
// around them in docs/performance.md ("Scale") is written by people.
import type { Table } from '../lib/results';
import { fmt, median, type Stats } from '../lib/stats';
import type { AffectedResult, TestsResult } from './affected';
import type { BundlesResult } from './bundles';
import type { ProfileSummary } from '../lib/cpuProfile';
import type { SynthSummary } from './synth';
import type { TerraformResult } from './terraform';

export interface SizeResult {
  size: number;
  generateMs?: number[];
  build?: { wallMs: number; peakRssMiB: number; built: number; cached: number };
  full?: SynthSummary;
  selected?: SynthSummary & { name: string };
  baselineSelected?: SynthSummary;
  profile?: ProfileSummary;
  nxSynth?: { wall: Stats; peakRss: Stats; cacheHits: string };
  affected?: AffectedResult;
  tests?: TestsResult;
  terraform?: TerraformResult;
}

export interface ScaleResults {
  machine: string;
  sizes: number[];
  runs: number;
  repository: { commit: string; changedFiles: number; services?: string[] };
  bySize: Record<string, SizeResult>;
  nxGenerate?: { wallMs: number; peakRssMiB: number };
  nxGenerateLargest?: { wallMs: number; size: number };
  subsets?: (SynthSummary & { services: number })[];
  terraformFirstInit?: number;
  bundles?: BundlesResult;
  appBuild?: { generated: { wall: Stats }; orders: { wall: Stats } };
  totalSeconds?: number;
  load?: { min: number; max: number };
}

const s1 = (ms: number) => (ms / 1000).toFixed(1);
const sec = (st: Stats) => fmt({ median: st.median / 1000, min: st.min / 1000, max: st.max / 1000 }, 1);
const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const short = (client: string) => client.replace('@aws-sdk/client-', '');
const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '));
const R = 'right' as const;
const L = 'left' as const;

/** A generated service's tasks: its app's and its stack's. */
const generated = (project: string) => /^svc-\d{3}(-stack)?$/.test(project);

export function scaleTables(r: ScaleResults): Record<string, Table> {
  const sizes = r.sizes.filter((n) => r.bySize[n]);
  const at = (n: number) => r.bySize[n]!;
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  const existing = r.repository.services ?? [];
  const tables: Record<string, Table> = {};

  // Per-stack cost: the in-process time beyond the same at the previous size, per added stack.
  const inProcess = (n: number) => at(n).full!.loadAndBuild.median + at(n).full!.write.median;
  const marginal = (from: number, to: number) =>
    (inProcess(to) - inProcess(from)) / (at(to).full!.stacks - at(from).full!.stacks);
  const baseOf = (n: number) => at(n).baselineSelected ?? at(first).selected!;
  const selectedRatio = (n: number) => at(n).selected!.wall.median / baseOf(n).wall.median;
  const sub = r.subsets;
  const subInProcess = (x: SynthSummary, stat: keyof Stats) => x.loadAndBuild[stat] + x.write[stat];
  // Other work on a shared machine only ever adds time: the target is judged on the fastest runs.
  const subMarginal = (i: number, stat: keyof Stats = 'min') =>
    (subInProcess(sub![i]!, stat) - subInProcess(sub![i - 1]!, stat)) /
    (sub![i]!.stacks - sub![i - 1]!.stacks);
  const hasSynth = sizes.length > 0 && sizes.every((n) => at(n).full);
  const lastAffected = at(last).affected;
  const bundles = r.bundles;

  const targets: (string | number)[][] = [];
  if (hasSynth)
    targets.push([
      `one selected stack at N = ${last} ≤ 1.5 × N = ${first}`,
      `${s1(at(last).selected!.wall.median)} s against ${s1(baseOf(last).wall.median)} s: ×${selectedRatio(last).toFixed(2)}`,
      mark(selectedRatio(last) <= 1.5),
    ]);
  if (sub?.length === 3) {
    const flat = subMarginal(2) / subMarginal(1);
    targets.push([
      `full synth linear: cost per stack flat from N = ${sub[0]!.services} to ${sub[2]!.services}`,
      `${subMarginal(1).toFixed(1)} then ${subMarginal(2).toFixed(1)} ms per added stack (×${flat.toFixed(2)}; fastest runs; medians ${subMarginal(1, 'median').toFixed(1)} and ${subMarginal(2, 'median').toFixed(1)} ms)`,
      mark(flat <= 1.2),
    ]);
  }
  if (hasSynth) {
    const full = at(last).full!;
    const nxSynth = at(last).nxSynth;
    targets.push([
      `peak memory of full synth < 1 GiB at N = ${last}`,
      `${full.peakRss.median.toFixed(0)} MiB (\`tsx stacks/main.ts\`)${nxSynth ? `, ${nxSynth.peakRss.median.toFixed(0)} MiB for \`npm run synth\`` : ''}`,
      mark(Math.max(full.peakRss.max, nxSynth?.peakRss.max ?? 0) < 1024),
    ]);
  }
  if (lastAffected) {
    targets.push(
      [
        "`nx affected` after a one-service change runs only that service's and its stack's tasks",
        `${lastAffected.tasks.length} of ${lastAffected.fullTasks} tasks at N = ${last}; others: ${list(lastAffected.others)}`,
        mark(lastAffected.others.length === 0),
      ],
      [
        'its re-run with a warm cache < 5 s',
        `${sec(lastAffected.warm.wall)} s at N = ${last}`,
        mark(lastAffected.warm.wall.median < 5000),
      ],
    );
  }
  if (bundles) {
    const ratios = bundles.functions.map(
      (f) => f.init!.median / bundles.baselines[f.baseline!]!.init!.median,
    );
    const unused = bundles.functions.filter((f) => f.unused.length > 0);
    targets.push(
      [
        'example functions: init ≤ 2 × (bare + the SDK clients they call)',
        `at most ×${Math.max(...ratios).toFixed(2)} (${bundles.functions.length} functions)`,
        mark(Math.max(...ratios) <= 2),
      ],
      [
        'no function bundles a client it never calls',
        `${unused.length} of ${bundles.functions.length} functions bundle one${unused.length ? `: ${list([...new Set(unused.flatMap((f) => f.unused.map((u) => short(u.client))))])}` : ''}`,
        mark(unused.length === 0),
      ],
    );
  }
  tables.targets = { columns: ['target (issue 7)', 'measured', ''], align: [L, L, L], rows: targets };

  // At N = 1 the only service comes through `nx g`: no in-process time.
  const inProcessMs = sizes.flatMap((n) => at(n).generateMs ?? []);
  tables.generated = {
    columns: [
      'services before',
      'first service through `nx g` s',
      'others in-process, median ms each',
      '`nx g … --dry-run` at the largest N s',
    ],
    align: [L, R, R, R],
    rows: [
      [
        list(existing),
        r.nxGenerate ? s1(r.nxGenerate.wallMs) : '',
        inProcessMs.length > 0 ? median(inProcessMs).toFixed(0) : '',
        r.nxGenerateLargest ? `${s1(r.nxGenerateLargest.wallMs)} (N = ${r.nxGenerateLargest.size})` : '',
      ],
    ],
  };

  if (hasSynth) {
    tables['full-synth'] = {
      columns: [
        'N',
        'services',
        'stacks',
        'wall s',
        'load + build s',
        'write s',
        'ms per stack (wall / stacks)',
        'in-process ms per added stack',
        'peak RSS MiB',
        '`npm run synth` s (builds cached)',
        'its peak RSS MiB',
      ],
      align: [R, R, R, R, R, R, R, R, R, R, R],
      rows: sizes.map((n, i) => {
        const f = at(n).full!;
        const prev = sizes[i - 1];
        const nxSynth = at(n).nxSynth;
        return [
          n,
          n + existing.length,
          f.stacks,
          sec(f.wall),
          sec(f.loadAndBuild),
          sec(f.write),
          (f.wall.median / f.stacks).toFixed(0),
          prev === undefined ? '' : marginal(prev, n).toFixed(1),
          fmt(f.peakRss),
          nxSynth ? sec(nxSynth.wall) : '',
          nxSynth ? fmt(nxSynth.peakRss) : '',
        ];
      }),
    };
    const profiled = sizes.filter((n) => at(n).profile);
    if (profiled.length > 0) {
      const labels = Object.keys(at(profiled.at(-1)!).profile!.byLabel);
      tables['synth-profile'] = {
        columns: ['category', ...profiled.flatMap((n) => [`N = ${n}: ms`, 'ms per stack'])],
        align: [L, ...profiled.flatMap(() => [R, R])],
        rows: [...labels, 'total'].map((label) => [
          label,
          ...profiled.flatMap((n) => {
            const p = at(n).profile!;
            const ms = label === 'total' ? p.totalMs : (p.byLabel[label] ?? 0);
            return [ms.toFixed(0), (ms / at(n).full!.stacks).toFixed(1)];
          }),
        ]),
      };
    }
    if (sub) {
      tables['synth-subsets'] = {
        columns: [
          'services',
          'stacks',
          'wall s',
          'load + build s',
          'write s',
          'in-process ms per added stack: fastest runs (medians)',
        ],
        align: [R, R, R, R, R, R],
        rows: sub.map((x, i) => [
          x.services,
          x.stacks,
          sec(x.wall),
          sec(x.loadAndBuild),
          sec(x.write),
          i === 0 ? '' : `${subMarginal(i).toFixed(1)} (${subMarginal(i, 'median').toFixed(1)})`,
        ]),
      };
    }
    tables.selected = {
      columns: [
        'N',
        'wall s',
        'load + build s',
        'write s',
        'peak RSS MiB',
        'baseline wall s',
        'ratio to the baseline',
      ],
      align: [R, R, R, R, R, R, R],
      rows: sizes.map((n) => {
        const x = at(n).selected!;
        return [
          n,
          sec(x.wall),
          sec(x.loadAndBuild),
          sec(x.write),
          fmt(x.peakRss),
          sec(baseOf(n).wall),
          `×${selectedRatio(n).toFixed(2)}`,
        ];
      }),
    };
  }

  tables.builds = {
    columns: ['N', 'apps built', 'from the cache', 'wall s'],
    rows: sizes
      .filter((n) => at(n).build)
      .map((n) => [n, at(n).build!.built, at(n).build!.cached, s1(at(n).build!.wallMs)]),
    align: [R, R, R, R],
  };
  if (r.appBuild) {
    tables['app-build'] = {
      columns: ['app', '`node tools/bundle-functions.mjs apps/<app>` wall s'],
      align: [L, R],
      rows: [
        ['a generated app (one function)', sec(r.appBuild.generated.wall)],
        ['orders', sec(r.appBuild.orders.wall)],
      ],
    };
  }

  const affectedSizes = sizes.filter((n) => at(n).affected);
  if (affectedSizes.length > 0) {
    tables.affected = {
      columns: [
        'N',
        'projects',
        'tasks of the full run',
        'tasks affected',
        'of other projects',
        'planning s',
        'real run s',
        'warm re-run s',
      ],
      align: [R, R, R, R, R, R, R, R],
      rows: affectedSizes.map((n) => {
        const a = at(n).affected!;
        return [
          n,
          a.projects,
          a.fullTasks,
          a.tasks.length,
          a.others.length,
          s1(a.planMs),
          s1(a.cold.wallMs),
          sec(a.warm.wall),
        ];
      }),
    };
  }

  const testSize = sizes.find((n) => at(n).tests);
  if (testSize !== undefined) {
    const t = at(testSize).tests!;
    const perService =
      t.tasks.filter((task) => generated(task.project)).reduce((sum, task) => sum + task.seconds, 0) /
      testSize;
    const taskSeconds = t.tasks.reduce((a, b) => a + b.seconds, 0);
    // Extrapolated, not run: each generated service's tasks read only its own project and the packages.
    const extrapolate = (n: number) => t.wallMs / 1000 + ((n - testSize) * perService) / 2;
    tables.tests = {
      columns: [
        'N',
        '`npm test` s',
        'tasks',
        'failed',
        'task seconds (2 slots)',
        'task seconds per generated service',
        'extrapolated N = 50 s',
        'extrapolated N = 100 s',
      ],
      align: [R, R, R, L, R, R, R, R],
      rows: [
        [
          testSize,
          `${s1(t.wallMs)} (${s1(t.testsMs)} + ${s1(t.synthMs)} synth)`,
          t.tasks.length,
          list(t.failed),
          taskSeconds.toFixed(0),
          perService.toFixed(1),
          extrapolate(50).toFixed(0),
          extrapolate(100).toFixed(0),
        ],
      ],
    };
  }

  const tfSizes = sizes.filter((n) => at(n).terraform);
  if (tfSizes.length > 0) {
    tables.terraform = {
      columns: [
        'N',
        'stacks checked',
        'wall s',
        'wall ÷ stacks, s',
        's per stack (its root)',
        'init s (calls)',
        'validate s',
        'plan s',
        'failed',
      ],
      align: [R, R, R, R, R, R, R, R, R],
      rows: tfSizes.map((n) => {
        const c = at(n).terraform!;
        const cmd = (name: string) => c.byCommand[name] ?? { seconds: 0, count: 0 };
        return [
          n,
          `${c.stacks}${c.stacks < c.ofStacks ? ` of ${c.ofStacks} (all ${c.stacks - c.serviceStacks} bootstrap stacks)` : ''}`,
          s1(c.wallMs),
          (c.wallMs / 1000 / c.stacks).toFixed(2),
          fmt(c.perStack, 2),
          `${cmd('init').seconds.toFixed(1)} (${cmd('init').count})`,
          cmd('validate').seconds.toFixed(1),
          cmd('plan').seconds.toFixed(1),
          c.failed.length,
        ];
      }),
    };
  }

  if (bundles) {
    const b = bundles.baselines;
    tables.bundles = {
      columns: [
        'function',
        'KB',
        'gzip KB',
        'init ms',
        'baseline',
        'its KB',
        'its init ms',
        'init ÷ baseline (≤ 2)',
        'clients bundled (KB)',
        'called',
        'never called',
      ],
      align: [L, R, R, R, L, R, R, R, L, L, L],
      rows: [
        [
          'bare handler',
          kb(b.bare!.bytes),
          kb(b.bare!.gzip),
          fmt(b.bare!.init!, 1),
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ],
        ...bundles.functions.map((f) => {
          const base = b[f.baseline!]!;
          const ratio = f.init!.median / base.init!.median;
          return [
            f.name,
            kb(f.bytes),
            kb(f.gzip),
            fmt(f.init!, 1),
            f.baseline!,
            kb(base.bytes),
            fmt(base.init!, 1),
            `×${ratio.toFixed(2)} ${mark(ratio <= 2)}`,
            Object.entries(f.bundled)
              .map(([c, bytes]) => `${short(c)} ${kb(bytes)}`)
              .join(', '),
            list(f.called.map(short)),
            list(f.unused.map((u) => short(u.client))),
          ];
        }),
      ],
    };
    const withWithout = bundles.functions.filter((f) => f.without);
    if (withWithout.length > 0) {
      tables['bundles-without'] = {
        columns: [
          'function',
          'KB',
          'without',
          'saved KB',
          'gzip KB saved',
          'init ms',
          'without, init ms',
          'clients left',
          'why bundled',
        ],
        align: [L, R, R, R, R, R, R, L, L],
        rows: withWithout.map((f) => [
          f.name,
          kb(f.bytes),
          kb(f.without!.bytes),
          kb(f.bytes - f.without!.bytes),
          kb(f.gzip - f.without!.gzip),
          fmt(f.init!, 1),
          fmt(f.without!.init!, 1),
          list(f.without!.clients.map(short)),
          f.unused.map((u) => `\`${short(u.client)}: ${u.chain}\``).join(' '),
        ]),
      };
    }
  }
  return tables;
}
