import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, type TerraformStack } from 'cdktf';
import type { ServiceStack, ServiceStackConfig } from '@platform/constructs';
import { type BootstrapSpec, planBootstrapStacks, planStacks, selectStacks, type StackRole } from './plan';
import type { Topology } from './topology';

export type ServiceStackClass = new (scope: App, id: string, config: ServiceStackConfig) => ServiceStack;
export type BootstrapStackClass = new (
  scope: App,
  id: string,
  config: Omit<BootstrapSpec, 'name'>,
) => TerraformStack;

export interface BuildAppOptions {
  readonly topology: Topology;
  /** `PLATFORM_STACKS`: comma-separated stack names or globs; empty builds every stack. */
  readonly selection?: string;
  /** `PLATFORM_ROLE`: the account role service stacks assume. @default 'deploy' */
  readonly role?: StackRole;
  /** Also plan the account bootstrap stacks (`<stacksDir>/bootstrap`), one per account and region. @default false */
  readonly bootstrap?: boolean;
  readonly outdir: string;
  /** Where `stacks/<service>/src/stack.ts` live. */
  readonly stacksDir: string;
  /** Where `<service>/<function>.zip` bundles are built (dist/apps). */
  readonly artifactsRoot: string;
}

/**
 * Builds only the selected stacks. Stack modules are loaded by convention and only when
 * selected, so one stack in a repo of 100 services loads one module, not 100; and the
 * `stacks` project has no static import of any stack project (bootstrap included), keeping
 * `nx affected` exact.
 */
export function buildApp(options: BuildAppOptions): App {
  const { topology, selection, role, outdir, stacksDir, artifactsRoot } = options;
  const services = planStacks(topology, { role });
  const bootstraps = options.bootstrap ? planBootstrapStacks(topology) : [];
  const selected = new Set(selectStacks([...services, ...bootstraps], selection).map((s) => s.name));
  const app = new App({ outdir });

  const classes = new Map<string, ServiceStackClass>();
  for (const { name, ...spec } of services.filter((s) => selected.has(s.name))) {
    let StackClass = classes.get(spec.service);
    if (!StackClass) {
      StackClass = loadServiceStack(stacksDir, spec.service);
      classes.set(spec.service, StackClass);
    }
    new StackClass(app, name, { ...spec, artifactsDir: join(artifactsRoot, spec.service) });
  }

  const chosen = bootstraps.filter((s) => selected.has(s.name));
  if (chosen.length > 0) {
    const BootstrapStack = loadStackModule<BootstrapStackClass>(
      join(stacksDir, 'bootstrap', 'src', 'stack.ts'),
      'BootstrapStack',
    );
    for (const { name, ...spec } of chosen) new BootstrapStack(app, name, spec);
  }
  return app;
}

export function loadServiceStack(stacksDir: string, service: string): ServiceStackClass {
  const file = join(stacksDir, service, 'src', 'stack.ts');
  if (!existsSync(file)) {
    throw new Error(
      `Service "${service}" is in stacks/topology.ts but ${file} does not exist. ` +
        `Create it with "npx nx g @platform/nx-plugin:service ${service}" or remove the service from the topology.`,
    );
  }
  return loadStackModule<ServiceStackClass>(file, 'ServiceStack');
}

function loadStackModule<T>(file: string, base: string): T {
  if (!existsSync(file))
    throw new Error(`${file} does not exist: it must "export default" a class extending ${base}.`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see buildApp
  const mod = require(file) as { default?: T };
  if (typeof mod.default !== 'function') {
    throw new Error(`${file} must "export default" a class extending ${base} (found ${typeof mod.default}).`);
  }
  return mod.default;
}
