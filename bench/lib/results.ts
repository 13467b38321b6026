// What a benchmark hands to the renderer: its tables as JSON (bench/results/<name>.json, committed), with
// when and where they were measured and the command that measures them again. No prose: the text around
// the tables in docs/performance.md is written by people; bench/render.ts only fills the tables in.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machine } from './stats';

export type Cell = string | number;

export interface Table {
  readonly columns: readonly string[];
  /** Per column; numbers are right-aligned when not given. */
  readonly align?: readonly ('left' | 'right')[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface BenchResult {
  /** File name under the results folder, and the first part of its markers in the docs. */
  readonly name: string;
  /** The command that measures it again, as a user runs it. */
  readonly command: string;
  /** Date, machine and load (lib/stats.ts `machine()`). */
  readonly measured: string;
  readonly tables: Readonly<Record<string, Table>>;
}

export const workspaceRoot = resolve(__dirname, '..', '..');

/** Results go to BENCH_RESULTS_DIR when set (the smoke tests), else bench/results. */
export const resultsDir = (): string =>
  process.env.BENCH_RESULTS_DIR ?? join(workspaceRoot, 'bench', 'results');

/** The docs file the renderer fills in: BENCH_DOCS when set (the smoke tests), else docs/performance.md. */
export const docsFile = (): string => process.env.BENCH_DOCS ?? join(workspaceRoot, 'docs', 'performance.md');

/** Smoke mode (BENCH_SMOKE=1): every benchmark runs its steps once with tiny counts, to prove it works. */
export const smoke = (): boolean => process.env.BENCH_SMOKE === '1';

/** Writes `<results>/<name>.json`, formatted as Prettier formats the repository's JSON, and returns its path. */
export async function writeResult(
  name: string,
  command: string,
  tables: Record<string, Table>,
): Promise<string> {
  const result: BenchResult = { name, command, measured: machine(), tables };
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  // Loaded here: Prettier's module starts a dynamic import when loaded, which Jest's VM refuses.
  const { format, resolveConfig } = await import('prettier');
  const options = { ...(await resolveConfig(join(workspaceRoot, 'package.json'))), parser: 'json' };
  writeFileSync(file, await format(JSON.stringify(result), options));
  return file;
}
