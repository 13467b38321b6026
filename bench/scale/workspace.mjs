// The repository copy the scale benchmark grows: tools/tests/support/workspaceCopy.ts makes it (tracked and
// untracked files, node_modules linked, its own git repository), and services come from the real generators,
// called in-process on an Nx FsTree (`nx g` costs seconds of CLI start-up per call; one real `nx g` is timed).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { require as tsRequire } from 'tsx/cjs/api';
import { runMeasured } from '../lib/proc-tree.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const support = tsRequire(join(root, 'tools', 'tests', 'support', 'workspaceCopy.ts'), import.meta.url);
export const { nxBin } = support;

// Variables of the caller's shell that would change what synth builds or where Nx looks.
const CLEARED = ['PLATFORM_STACKS', 'PLATFORM_OUTDIR', 'PLATFORM_ROLE', 'CDKTF_OUTDIR', 'NODE_OPTIONS'];
export const benchEnv = (extra = {}) => {
  const env = { ...support.nxEnv, FORCE_COLOR: '0', ...extra };
  for (const name of CLEARED) if (!(name in extra)) delete env[name];
  return env;
};

const TRIGGERS = ['http', 'sqs', 'schedule'];
const TEAMS = ['commerce', 'insights'];
const NEXT_FUNCTION = { http: 'get-item', sqs: 'process-events', schedule: 'run-nightly' };

/**
 * Generated service i: triggers and teams alternate (every pair of them within 6 services), so the stacks
 * spread over both teams' accounts. Every 10th service also gets a function of the next trigger through the
 * function generator.
 */
export function serviceSpec(i) {
  const trigger = TRIGGERS[i % 3];
  const next = TRIGGERS[(i + 1) % 3];
  return {
    name: `svc-${String(i).padStart(3, '0')}`,
    team: TEAMS[i % 2],
    trigger,
    extra: i % 10 === 0 ? { name: NEXT_FUNCTION[next], trigger: next } : undefined,
  };
}

export function createCopy() {
  const copy = support.copyWorkspace('bench-scale-');
  const topology = readFileSync(join(copy.dir, 'stacks', 'topology.ts'), 'utf8');
  const services = [...topology.matchAll(/^\s{4}'?([a-z][a-z0-9-]*)'?: \{ team:/gm)].map((m) => m[1]);
  return { ...copy, existingServices: services };
}

/** Runs nx in the copy; resolves { wallMs, peakRssMiB, stdout, ... }. */
export const nx = (copy, args, options = {}) =>
  runMeasured(process.execPath, [nxBin, ...args], { ...options, cwd: copy.dir, env: benchEnv(options.env) });

/** The first service through the real CLI: what a developer waits for. */
export async function generateWithCli(copy, spec) {
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

/** The rest in-process: one FsTree per service (formatFiles formats every change of its tree). Returns ms per service. */
export async function generateInProcess(copy, specs) {
  const { FsTree, flushChanges } = tsRequire('nx/src/generators/tree', import.meta.url);
  const generators = join(copy.dir, 'packages', 'nx-plugin', 'src', 'generators');
  const { serviceGenerator } = tsRequire(join(generators, 'service', 'generator.ts'), import.meta.url);
  const { functionGenerator } = tsRequire(join(generators, 'function', 'generator.ts'), import.meta.url);
  const ms = [];
  for (const spec of specs) {
    const started = performance.now();
    const tree = new FsTree(copy.dir, false);
    await serviceGenerator(tree, { name: spec.name, team: spec.team, trigger: spec.trigger });
    if (spec.extra) {
      await functionGenerator(tree, {
        service: spec.name,
        name: spec.extra.name,
        trigger: spec.extra.trigger,
      });
    }
    flushChanges(copy.dir, tree.listChanges());
    ms.push(performance.now() - started);
  }
  return ms;
}

export const commitAll = (copy, message) => {
  copy.git('add', '-A');
  copy.git('commit', '-q', '-m', message);
};

/** A second copy with only the first generated service, built: the baseline of "one selected stack". */
export async function createBaselineCopy() {
  const copy = createCopy();
  await generateInProcess(copy, [serviceSpec(0)]);
  const name = serviceSpec(0).name;
  await runMeasured(process.execPath, ['tools/bundle-functions.mjs', `apps/${name}`], {
    cwd: copy.dir,
    env: benchEnv(),
  });
  return copy;
}
