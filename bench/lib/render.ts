// The one renderer: fills each `<!-- bench:<name>:<table> -->` … `<!-- /bench:<name>:<table> -->` block of
// the docs with that table of bench/results/<name>.json, and `<!-- bench:<name> -->` … `<!-- /bench:<name> -->`
// with the line saying when, where and with which command it was measured. Then Prettier formats the file,
// so that the result passes `npm run format:check`. Nothing outside the markers changes.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult, Cell, Table } from './results';

const MARKER = /<!-- bench:([a-z0-9-]+)(?::([a-z0-9-]+))? -->[\s\S]*?<!-- \/bench:\1(?::\2)? -->/g;

const escape = (cell: Cell) => String(cell).replace(/\|/g, '\\|');

/** A table as Markdown: numbers right-aligned unless the table says otherwise. */
export function markdownTable(table: Table): string {
  const align = table.columns.map(
    (_, i) => table.align?.[i] ?? (table.rows.some((r) => typeof r[i] === 'number') ? 'right' : 'left'),
  );
  const width = table.columns.length;
  for (const [i, row] of table.rows.entries()) {
    if (row.length !== width)
      throw new Error(
        `Row ${i + 1} has ${row.length} cells but the table has ${width} columns (${table.columns.join(', ')}).`,
      );
  }
  return [
    `| ${table.columns.map(escape).join(' | ')} |`,
    `| ${align.map((a) => (a === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

export const measuredLine = (result: BenchResult): string =>
  `Measured ${result.measured}; \`${result.command}\`.`;

/** Reads every `<name>.json` of `dir`. */
export function readResults(dir: string): Map<string, BenchResult> {
  const results = new Map<string, BenchResult>();
  if (!existsSync(dir)) return results;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const result = JSON.parse(readFileSync(join(dir, file), 'utf8')) as BenchResult;
    results.set(file.replace(/\.json$/, ''), result);
  }
  return results;
}

/**
 * The docs text with every marked block filled from `results`. A marker naming a missing results file fails
 * with the marker and the fix; so does a result table that no marker shows (it would vanish silently).
 */
export function fillMarkers(text: string, results: ReadonlyMap<string, BenchResult>): string {
  const shown = new Set<string>();
  const filled = text.replace(MARKER, (_block, name: string, table: string | undefined) => {
    const result = results.get(name);
    const id = table ? `${name}:${table}` : name;
    if (!result)
      throw new Error(
        `Marker bench:${id}: there is no results file ${name}.json. Run the benchmark that writes it, or remove the marker.`,
      );
    let body: string;
    if (table) {
      const t = result.tables[table];
      // A run that leaves a part out (e.g. `--only`, or sizes too small for it) has no such table: the block
      // says so, and keeps no number from an earlier run next to the new ones.
      body = t
        ? markdownTable(t)
        : `_Not in the results of this run (${name}.json has ${Object.keys(result.tables).join(', ')})._`;
      shown.add(id);
    } else body = measuredLine(result);
    // Blank lines keep the markers separate HTML blocks, as Prettier formats them.
    return `<!-- bench:${id} -->\n\n${body}\n\n<!-- /bench:${id} -->`;
  });
  for (const [name, result] of results) {
    for (const table of Object.keys(result.tables)) {
      if (!shown.has(`${name}:${table}`))
        throw new Error(
          `Table "${table}" of ${name}.json is shown nowhere: add <!-- bench:${name}:${table} --> <!-- /bench:${name}:${table} --> to the docs where it belongs.`,
        );
    }
  }
  return filled;
}

/** Fills the markers of `docs` from the results in `dir` and writes it, formatted by Prettier. */
export async function renderDocs(docs: string, dir: string): Promise<void> {
  const text = fillMarkers(readFileSync(docs, 'utf8'), readResults(dir));
  // Loaded here: Prettier's module starts a dynamic import when loaded, which Jest's VM refuses.
  const { format, resolveConfig } = await import('prettier');
  const options = { ...(await resolveConfig(docs)), parser: 'markdown' };
  writeFileSync(docs, await format(text, options));
}
