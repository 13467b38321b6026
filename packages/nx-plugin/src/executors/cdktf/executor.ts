import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import { TOPOLOGY_PATH, topologyFactsFromSource } from '../../utils/topology';
import { requestedConfiguration } from './invocation';
import { deployProducerFirst, notSynthesized, skipSynthWithPlanRole } from './errors';
import { cdktfArgs, type CdktfExecutorOptions, type ResolvedOptions, resolveOptions } from './options';
import { consumedTopics } from './producers';

/**
 * `nx run <service>-stack:deploy|diff -c <environment>`: one `cdktf deploy|diff <service>-<environment>`.
 * Nx 23 neither fills `{args.configuration}` nor interpolates `env`, so the stack name is computed
 * here from the configuration, and checked against stacks/topology.ts before cdktf (and Terraform) starts.
 */
export default async function cdktfExecutor(
  options: CdktfExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const root = context.root;
  let resolved: ResolvedOptions;
  let services: readonly string[] = [];
  try {
    const facts = topologyFactsFromSource(readFileSync(join(root, TOPOLOGY_PATH), 'utf8'));
    services = facts.services;
    resolved = resolveOptions(
      options,
      {
        projectName: context.projectName ?? '',
        targetName: context.targetName ?? options.command,
        configurationName: context.configurationName,
        requestedConfiguration: requestedConfiguration(),
      },
      facts,
    );
    if (resolved.skipSynth) {
      if (process.env.PLATFORM_ROLE === 'plan') throw skipSynthWithPlanRole(resolved.stack);
      stageSynthesizedStack(root, resolved, `${context.projectName}:synth`);
    }
  } catch (error) {
    logger.error((error as Error).message);
    return { success: false };
  }
  const args = cdktfArgs(resolved);
  logger.info(`cdktf ${args.join(' ')}`);
  const success = (await run(join(root, 'node_modules', '.bin', 'cdktf'), args, root, resolved)) === 0;
  if (!success) {
    // A consumer deployed before its producer fails on the subscription: say which stack goes first.
    const stackFile = join(root, resolved.outputDir, 'stacks', resolved.stack, 'cdk.tf.json');
    const target = `${context.projectName}:${context.targetName ?? options.command}`;
    for (const { topicArn, producerStack } of consumedTopics(stackFile, resolved.environment, services)) {
      logger.error(
        deployProducerFirst(target, resolved.stack, topicArn, producerStack, resolved.environment).message,
      );
    }
  }
  return { success };
}

/**
 * Copies one stack, byte for byte, from the synth output to the deploy output, with a manifest naming
 * it alone (cdktf --skip-synth reads every stack of the manifest). Terraform then runs where a
 * synthesizing deploy would run it, and tools/ci/bin/traffic-shift.ts finds it there.
 */
function stageSynthesizedStack(root: string, options: ResolvedOptions, synthTarget: string): void {
  const manifestFile = join(root, options.synthDir, 'manifest.json');
  const manifest = existsSync(manifestFile)
    ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as {
        stacks: Record<string, { workingDirectory: string }>;
      })
    : undefined;
  const entry = manifest?.stacks[options.stack];
  if (!manifest || !entry) throw notSynthesized(options.stack, options.synthDir, synthTarget);
  const outputDir = join(root, options.outputDir);
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  cpSync(join(root, options.synthDir, entry.workingDirectory), join(outputDir, entry.workingDirectory), {
    recursive: true,
  });
  writeFileSync(
    join(outputDir, 'manifest.json'),
    JSON.stringify({ ...manifest, stacks: { [options.stack]: entry } }, null, 2),
  );
}

function run(command: string, args: string[], cwd: string, options: ResolvedOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: 'inherit',
      // The app (stacks/main.ts) constructs only this stack: one service's bundles, one stack's synth.
      env: { ...process.env, PLATFORM_STACKS: options.stack },
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}
