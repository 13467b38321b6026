import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import type { ServiceStack, ServiceStackConfig } from '@platform/constructs';
import { planStacks, selectStacks } from './plan';
import type { Topology } from './topology';

export type ServiceStackClass = new (scope: App, id: string, config: ServiceStackConfig) => ServiceStack;

export interface BuildAppOptions {
  readonly topology: Topology;
  /** `PLATFORM_STACKS`: comma-separated stack names or globs; empty builds every stack. */
  readonly selection?: string;
  readonly outdir: string;
  /** Where `stacks/<service>/src/stack.ts` live. */
  readonly stacksDir: string;
  /** Where `<service>/<function>.zip` bundles are built (dist/apps). */
  readonly artifactsRoot: string;
}

/**
 * Builds only the selected stacks. Service stack modules are loaded by convention and only
 * when selected, so one stack in a repo of 100 services loads one module, not 100; and the
 * `stacks` project has no static import of any service stack, keeping `nx affected` exact.
 */
export function buildApp(options: BuildAppOptions): App {
  const { topology, selection, outdir, stacksDir, artifactsRoot } = options;
  const specs = selectStacks(planStacks(topology), selection);
  const app = new App({ outdir });
  const classes = new Map<string, ServiceStackClass>();
  for (const { name, ...spec } of specs) {
    let StackClass = classes.get(spec.service);
    if (!StackClass) {
      StackClass = loadServiceStack(stacksDir, spec.service);
      classes.set(spec.service, StackClass);
    }
    new StackClass(app, name, { ...spec, artifactsDir: join(artifactsRoot, spec.service) });
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see buildApp
  const mod = require(file) as { default?: ServiceStackClass };
  if (typeof mod.default !== 'function') {
    throw new Error(`${file} must "export default" a class extending ServiceStack (found ${typeof mod.default}).`);
  }
  return mod.default;
}
