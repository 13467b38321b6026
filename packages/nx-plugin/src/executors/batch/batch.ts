import type { ExecutorContext, TaskGraph } from '@nx/devkit';

/** What Nx reads from a batch executor for each task: its status, output and own time span. */
export interface BatchTaskResult {
  readonly task: string;
  readonly result: { success: boolean; terminalOutput: string; startTime: number; endTime: number };
}

/** The batch's tasks, every task after the tasks of the batch it depends on. */
export function inDependencyOrder(taskGraph: TaskGraph): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const dependency of taskGraph.dependencies[id] ?? [])
      if (dependency in taskGraph.tasks) visit(dependency);
    order.push(id);
  };
  for (const id of Object.keys(taskGraph.tasks).sort()) visit(id);
  return order;
}

/**
 * Runs `run` for each task of an Nx batch, one after the other in this one process, and reports each task
 * as it ends with its own start and end: Nx caches and times every task as if it had run alone. A task
 * whose dependency in the batch failed is not run.
 */
export async function* runBatch<Options>(
  taskGraph: TaskGraph,
  inputs: Record<string, Options>,
  context: ExecutorContext,
  run: (options: Options, projectRoot: string) => Promise<{ success: boolean; output: string }>,
): AsyncGenerator<BatchTaskResult> {
  const failed = new Set<string>();
  for (const id of inDependencyOrder(taskGraph)) {
    const task = taskGraph.tasks[id]!;
    const startTime = Date.now();
    const blocked = (taskGraph.dependencies[id] ?? []).filter((d) => failed.has(d));
    const { success, output } =
      blocked.length > 0
        ? { success: false, output: `Not run: ${blocked.join(', ')} failed.\n` }
        : await run(inputs[id]!, context.projectsConfigurations.projects[task.target.project]!.root).catch(
            (error: unknown) => ({ success: false, output: `${(error as Error).stack ?? String(error)}\n` }),
          );
    if (!success) failed.add(id);
    yield { task: id, result: { success, terminalOutput: output, startTime, endTime: Date.now() } };
  }
}
