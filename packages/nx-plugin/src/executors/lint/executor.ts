import type { ExecutorContext, TaskGraph } from '@nx/devkit';
import { runBatch } from '../batch/batch';
import { lint, type LintExecutorOptions } from './lint';

/** `nx run <project>:lint` on its own. */
export default async function lintExecutor(
  options: LintExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const projectRoot = context.projectsConfigurations.projects[context.projectName!]!.root;
  const { success, output } = await lint(context.root, projectRoot, options);
  process.stdout.write(output);
  return { success };
}

/** Every lint task of a run in one process: ESLint and its plugins load once. */
export function lintBatch(
  taskGraph: TaskGraph,
  inputs: Record<string, LintExecutorOptions>,
  _overrides: unknown,
  context: ExecutorContext,
) {
  return runBatch(taskGraph, inputs, context, (options, projectRoot) =>
    lint(context.root, projectRoot, options),
  );
}
