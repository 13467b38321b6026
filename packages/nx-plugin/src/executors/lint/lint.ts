import { join } from 'node:path';
import { ESLint } from 'eslint';

export interface LintExecutorOptions {
  /** Files and folders to lint, relative to the workspace root, as `eslint <patterns>` takes them. */
  readonly lintFilePatterns: string[];
}

/**
 * `eslint <patterns>` with ESLint's cache in <project root>/dist/eslint (the target's outputs, so Nx
 * restores it with the task): a re-run lints only the files whose content changed. In a batch, the
 * parsers and plugins (typescript-eslint, @nx/eslint-plugin, import-x) load once for every project.
 */
export async function lint(
  root: string,
  projectRoot: string,
  options: LintExecutorOptions,
): Promise<{ success: boolean; output: string }> {
  const eslint = new ESLint({
    cwd: root,
    cache: true,
    // Content, not modification time: a checkout or a cache restore touches every file.
    cacheStrategy: 'content',
    cacheLocation: join(root, projectRoot, 'dist', 'eslint', '.eslintcache'),
  });
  const results = await eslint.lintFiles(options.lintFilePatterns);
  const output = await (await eslint.loadFormatter('stylish')).format(results);
  return { success: results.every((r) => r.errorCount === 0 && r.fatalErrorCount === 0), output };
}
