// The repository copy the scale benchmark grows: tools/tests/support/workspaceCopy.ts makes it (tracked and
// untracked files, node_modules linked, its own git repository), and services come from the real generators,
// called in-process on an Nx FsTree (`nx g` costs seconds of CLI start-up per call; one real `nx g` is timed).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FsTree, flushChanges, type Tree } from 'nx/src/generators/tree';
import { runMeasured, type MeasuredRun, type RunOptions } from '../lib/procTree';
import { loadByPath } from '../lib/load';

type Support = typeof import('../../tools/tests/support/workspaceCopy');

const root = resolve(__dirname, '..', '..');
// Loaded by path: the bench project is tooling and imports no other project's source (module boundaries).
const support = loadByPath<Support>(join(root, 'tools', 'tests', 'support', 'workspaceCopy.ts'));
export const { nxBin } = support;

// Variables of the caller's shell that would change what synth builds or where Nx looks.
const CLEARED = ['PLATFORM_STACKS', 'PLATFORM_OUTDIR', 'PLATFORM_ROLE', 'CDKTF_OUTDIR', 'NODE_OPTIONS'];
export const benchEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...support.nxEnv, FORCE_COLOR: '0', ...extra };
  for (const name of CLEARED) if (!(name in extra)) delete env[name];
  return env;
};

export type Trigger = 'http' | 'sqs' | 'schedule';
const TRIGGERS: readonly Trigger[] = ['http', 'sqs', 'schedule'];
const TEAMS = ['commerce', 'insights'];
const NEXT_FUNCTION: Record<Trigger, string> = {
  http: 'get-item',
  sqs: 'process-events',
  schedule: 'run-nightly',
};

export interface ServiceSpec {
  readonly name: string;
  readonly team: string;
  readonly trigger: Trigger;
  readonly extra?: { readonly name: string; readonly trigger: Trigger };
}

/**
 * Generated service i: triggers and teams alternate (every pair of them within 6 services), so the stacks
 * spread over both teams' accounts. Every 10th service also gets a function of the next trigger through the
 * function generator. Names count from `first` (Copy.firstIndex): the services a copy already holds keep theirs.
 */
export function serviceSpec(i: number, first = 0): ServiceSpec {
  const trigger = TRIGGERS[i % 3]!;
  const next = TRIGGERS[(i + 1) % 3]!;
  return {
    name: `svc-${String(first + i).padStart(3, '0')}`,
    team: TEAMS[i % 2]!,
    trigger,
    extra: i % 10 === 0 ? { name: NEXT_FUNCTION[next], trigger: next } : undefined,
  };
}

export interface Copy {
  readonly dir: string;
  readonly existingServices: string[];
  /**
   * The number of the first service to generate: after the `svc-NNN` services the copy already holds (a
   * benchmark run inside a copy that an outer benchmark generated, as its smoke tests run in bench:shards).
   */
  readonly firstIndex: number;
  git(...args: string[]): string;
  remove(): void;
}

/** The services stacks/topology.ts of a repository at `dir` declares. */
export function topologyServices(dir: string): string[] {
  const topology = readFileSync(join(dir, 'stacks', 'topology.ts'), 'utf8');
  return [...topology.matchAll(/^\s{4}'?([a-z][a-z0-9-]*)'?: \{ team:/gm)].map((m) => m[1]!);
}

export function createCopy(prefix = 'bench-scale-'): Copy {
  const copy = support.copyWorkspace(prefix);
  const services = topologyServices(copy.dir);
  return {
    dir: copy.dir,
    git: copy.git,
    remove: copy.remove,
    existingServices: services,
    firstIndex: firstFreeIndex(services),
  };
}

/** After the highest `svc-NNN` among `services`; 0 when there is none. */
export const firstFreeIndex = (services: readonly string[]): number =>
  Math.max(
    -1,
    ...services
      .map((s) => /^svc-(\d{3})$/.exec(s)?.[1])
      .filter(Boolean)
      .map(Number),
  ) + 1;

/** Generated service i of this copy. */
export const specOf = (copy: Copy, i: number): ServiceSpec => serviceSpec(i, copy.firstIndex);

export interface NxOptions extends Omit<RunOptions, 'env' | 'cwd'> {
  readonly env?: Record<string, string>;
}

/** Runs nx in the copy. */
export const nx = (copy: Copy, args: readonly string[], options: NxOptions = {}): Promise<MeasuredRun> =>
  runMeasured(process.execPath, [nxBin, ...args], { ...options, cwd: copy.dir, env: benchEnv(options.env) });

/** The first service through the real CLI: what a developer waits for. */
export async function generateWithCli(copy: Copy, spec: ServiceSpec): Promise<MeasuredRun> {
  const result = await nx(copy, [
    'g',
    '@platform/nx-plugin:service',
    spec.name,
    '--team',
    spec.team,
    '--trigger',
    spec.trigger,
  ]);
  if (spec.extra) {
    await nx(copy, [
      'g',
      '@platform/nx-plugin:function',
      spec.name,
      spec.extra.name,
      '--trigger',
      spec.extra.trigger,
    ]);
  }
  return result;
}

type Generator = (tree: Tree, options: Record<string, unknown>) => Promise<unknown>;

/** A generator of the copy's plugin, found as Nx finds it: through the plugin's generators.json. */
function loadGenerator(copy: Copy, name: string): Generator {
  const plugin = join(copy.dir, 'packages', 'nx-plugin');
  const { generators } = JSON.parse(readFileSync(join(plugin, 'generators.json'), 'utf8')) as {
    generators: Record<string, { factory: string }>;
  };
  const factory = generators[name]?.factory;
  if (!factory) throw new Error(`The nx-plugin has no "${name}" generator in its generators.json.`);
  const [file, exported = 'default'] = factory.split('#');
  const module = loadByPath<Record<string, Generator>>(join(plugin, file!));
  const generator = module[exported];
  if (typeof generator !== 'function') throw new Error(`${factory} exports no generator "${exported}".`);
  return generator;
}

/** Generates services in-process: one FsTree per service (formatFiles formats its changes). Returns ms each. */
export async function generateInProcess(copy: Copy, specs: readonly ServiceSpec[]): Promise<number[]> {
  const service = loadGenerator(copy, 'service');
  const fn = loadGenerator(copy, 'function');
  const ms: number[] = [];
  for (const spec of specs) {
    const started = performance.now();
    const tree = new FsTree(copy.dir, false);
    await service(tree, { name: spec.name, team: spec.team, trigger: spec.trigger });
    if (spec.extra) {
      await fn(tree, { service: spec.name, name: spec.extra.name, trigger: spec.extra.trigger });
    }
    flushChanges(copy.dir, tree.listChanges());
    ms.push(performance.now() - started);
  }
  return ms;
}

export const commitAll = (copy: Copy, message: string): void => {
  copy.git('add', '-A');
  copy.git('commit', '-q', '-m', message);
};

/** A second copy with only the first generated service, built: the baseline of "one selected stack". */
export async function createBaselineCopy(): Promise<Copy> {
  const copy = createCopy();
  await generateInProcess(copy, [specOf(copy, 0)]);
  await runMeasured(process.execPath, ['tools/bundle-functions.mjs', `apps/${specOf(copy, 0).name}`], {
    cwd: copy.dir,
    env: benchEnv(),
  });
  return copy;
}

export const workspaceRoot = root;
