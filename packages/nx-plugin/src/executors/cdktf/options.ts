import type { TopologyFacts } from '../../utils/topology';
import { missingEnvironment, unknownEnvironment, unknownService } from './errors';

export interface CdktfExecutorOptions {
  /** `deploy` (terraform init, apply) or `diff` (terraform init, plan). */
  readonly command: 'deploy' | 'diff';
  /** @default the project name without `-stack` */
  readonly service?: string;
  /** @default the configuration name (`-c dev`) */
  readonly environment?: string;
  /** deploy only. @default false */
  readonly autoApprove?: boolean;
  /** Deploy the stack as already synthesized in `synthDir`. @default false */
  readonly skipSynth?: boolean;
  /** @default `dist/cdktf/<service>` (the synth target's output) */
  readonly synthDir?: string;
  /** @default `dist/cdktf/deploy/<service>-<environment>` */
  readonly outputDir?: string;
}

export interface ResolvedOptions {
  readonly command: 'deploy' | 'diff';
  readonly service: string;
  readonly environment: string;
  /** `<service>-<environment>`, the name `stacks/lib/plan.ts` gives the stack. */
  readonly stack: string;
  readonly autoApprove: boolean;
  readonly skipSynth: boolean;
  readonly synthDir: string;
  readonly outputDir: string;
}

export interface TargetContext {
  readonly projectName: string;
  readonly targetName: string;
  readonly configurationName?: string;
  /** What the user asked for with -c, when Nx dropped it (the target has no such configuration). */
  readonly requestedConfiguration?: string;
}

/** Defaults resolved in one place, then checked against the topology: nothing runs on a bad name. */
export function resolveOptions(
  options: CdktfExecutorOptions,
  context: TargetContext,
  topology: TopologyFacts,
): ResolvedOptions {
  const target = `${context.projectName}:${context.targetName}`;
  const service = options.service ?? context.projectName.replace(/-stack$/, '');
  const environment = options.environment ?? context.configurationName ?? context.requestedConfiguration;
  if (!topology.services.includes(service)) throw unknownService(target, service, topology.services);
  if (!environment) throw missingEnvironment(target, topology.environments);
  if (!topology.environments.includes(environment)) {
    throw unknownEnvironment(target, environment, topology.environments);
  }
  const stack = `${service}-${environment}`;
  return {
    command: options.command,
    service,
    environment,
    stack,
    autoApprove: options.autoApprove ?? false,
    skipSynth: options.skipSynth ?? false,
    synthDir: options.synthDir ?? `dist/cdktf/${service}`,
    outputDir: options.outputDir ?? `dist/cdktf/deploy/${stack}`,
  };
}

/** The cdktf command line (after `cdktf`). */
export function cdktfArgs(options: ResolvedOptions): string[] {
  return [
    options.command,
    options.stack,
    '--output',
    options.outputDir,
    ...(options.command === 'deploy' && options.autoApprove ? ['--auto-approve'] : []),
    ...(options.skipSynth ? ['--skip-synth'] : []),
  ];
}
