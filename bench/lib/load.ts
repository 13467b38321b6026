/**
 * Loads a module of another project (or of a workspace copy) by its path. Bench measures the workspace's
 * tools, stacks and generators without importing their source, so that Nx sees no import edge from a tooling
 * project into them (module boundaries; its dependencies are declared in bench/project.json). Under tsx and
 * under Jest, `require` compiles TypeScript.
 */
export function loadByPath<T>(file: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a computed path on purpose (see above)
  return require(file) as T;
}
