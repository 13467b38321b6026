import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DevError, stackMissing, unknownService } from './errors';
import type { LogStream } from './logStream';
import { readStack } from './readStack';
import type { StackModel } from './types';

export interface LoadStacksOptions {
  readonly root: string;
  readonly environment: string;
  /** Services asked for; with each, the services it talks to. @default every service */
  readonly services: readonly string[];
  readonly log: LogStream;
  /** Run every service even when they have more than `maxFunctions` functions (`--all`). */
  readonly all?: boolean;
  /** The most functions dev runs when no service is named. @default MAX_FUNCTIONS */
  readonly maxFunctions?: number;
}

/**
 * Each function gets its own esbuild context, which keeps its parsed sources for fast rebuilds, and its
 * own process: about 120 MB of esbuild memory per function (13 GB with the 110 functions of 100 generated
 * services, which never got ready). With no service named, dev stops above this many.
 */
export const MAX_FUNCTIONS = 40;

/** The services of the workspace: apps with handlers. */
export function listServices(root: string): string[] {
  const apps = join(root, 'apps');
  return readdirSync(apps)
    .filter((name) => existsSync(join(apps, name, 'src', 'handlers')))
    .sort();
}

/**
 * The synthesized stacks (`<service>-<environment>`) of the selected services and of the services
 * they talk to; runs the synth first when cdktf.out lacks one of them.
 */
export function loadStacks(options: LoadStacksOptions): StackModel[] {
  const { root, environment, log } = options;
  const known = listServices(root);
  for (const name of options.services) if (!known.includes(name)) throw unknownService(name, known);
  const stacksDir = join(root, 'cdktf.out', 'stacks');
  const fileOf = (service: string) => join(stacksDir, `${service}-${environment}`, 'cdk.tf.json');

  const missing = known.filter((service) => !existsSync(fileOf(service)));
  if (missing.length > 0) {
    log.info(
      `cdktf.out has no ${missing.map((s) => `${s}-${environment}`).join(', ')}: ` +
        'building and synthesizing first (npx nx run stacks:synth)',
    );
    const synth = spawnSync(join(root, 'node_modules', '.bin', 'nx'), ['run', 'stacks:synth'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      // Quiet: the guardrail suppressions are for whoever reviews the stacks, not for this start.
      env: {
        ...process.env,
        NX_TUI: 'false',
        NX_DAEMON: process.env.NX_DAEMON ?? 'false',
        PLATFORM_QUIET: '1',
      },
    });
    if (synth.status !== 0)
      throw new DevError('The synth failed (output above). Fix it, or run npm run synth to see why.');
  }

  const all = new Map<string, StackModel>();
  for (const service of known) {
    if (existsSync(fileOf(service))) all.set(service, readStack(fileOf(service), service));
  }
  const wanted = options.services.length > 0 ? options.services : known;
  const functions = [...all.values()].reduce((n, stack) => n + stack.functions.length, 0);
  const max = options.maxFunctions ?? MAX_FUNCTIONS;
  if (options.services.length === 0 && !options.all && functions > max)
    throw new DevError(
      `npm run dev with no service named runs every service: ${all.size} services with ${functions} functions ` +
        `here, more than ${max}, and each function gets its own esbuild context and process (about 120 MB each). ` +
        'Name the services you work on, dev adds the ones they talk to: npm run dev -- <service> [<service>...]. ' +
        'To run them all anyway: npm run dev -- --all.',
    );
  const selected = new Set<string>();
  const visit = (service: string) => {
    if (selected.has(service)) return;
    const stack = all.get(service);
    if (!stack) throw stackMissing(`${service}-${environment}`, fileOf(service));
    selected.add(service);
    for (const other of talksTo(stack, [...all.values()])) visit(other);
  };
  for (const service of wanted) visit(service);
  for (const service of selected) warnIfStale(root, service, fileOf(service), log);
  return [...selected].sort().map((service) => all.get(service)!);
}

/**
 * The other services whose resources a stack names (a queue URL or ARN in a function's environment,
 * a topic in a subscription): links between services are literal ARNs computed from the topology.
 */
function talksTo(stack: StackModel, stacks: StackModel[]): string[] {
  const literals = [
    ...stack.functions.flatMap((fn) => Object.values(fn.variables)),
    ...stack.subscriptions.map((s) => s.topicAddress),
    ...stack.subscriptions.map((s) => s.endpoint),
  ].filter((value) => !value.startsWith('${'));
  return stacks
    .filter((other) => other !== stack)
    .filter((other) => {
      const names = [
        ...other.queues.map((q) => q.name),
        ...other.topics.map((t) => t.name),
        ...other.tables.map((t) => t.name),
        ...other.functions.map((f) => f.name),
      ];
      return literals.some((value) =>
        names.some((name) => value === name || new RegExp(`[:/]${escape(name)}$`).test(value)),
      );
    })
    .map((other) => other.service);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A stack source edited after the synth: the running wiring would not be what deploys. */
function warnIfStale(root: string, service: string, stackFile: string, log: LogStream): void {
  const synthesized = statSync(stackFile).mtimeMs;
  const sourceDir = join(root, 'stacks', service, 'src');
  const sources = [
    join(root, 'stacks', 'topology.ts'),
    ...(existsSync(sourceDir) ? readdirSync(sourceDir).map((f) => join(sourceDir, f)) : []),
  ];
  const newer = sources.find((file) => existsSync(file) && statSync(file).mtimeMs > synthesized);
  if (newer) {
    log.info(
      `${newer.slice(root.length + 1)} changed after ${stackFile.slice(root.length + 1)} was synthesized: ` +
        'run npm run synth and start npm run dev again to run the change',
    );
  }
}
