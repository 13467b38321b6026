import type { ExecutorContext, TaskGraph } from '@nx/devkit';
import { runBatch } from '../batch/batch';
import { typecheck, type TypecheckExecutorOptions } from './typecheck';

/** `nx run <project>:typecheck` on its own. */
export default async function typecheckExecutor(
  options: TypecheckExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const { success, output } = await typecheck(context.root, options);
  process.stdout.write(output);
  return { success };
}

/** Every typecheck task of a run in one process: the declarations of node_modules are parsed once. */
export function typecheckBatch(
  taskGraph: TaskGraph,
  inputs: Record<string, TypecheckExecutorOptions>,
  _overrides: unknown,
  context: ExecutorContext,
) {
  return runBatch(taskGraph, inputs, context, (options) => typecheck(context.root, options));
}
