// Shared by the benchmarks: statistics, machine facts, and writing results into the docs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};
export const fmt = ({ median, min, max }, digits = 0) =>
  `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;

export const machine = () =>
  `${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}, ` +
  `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

/** Replaces (or appends) the `## <heading>` section of a Markdown file. */
export function writeSection(file, heading, body) {
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Performance\n\nNumbers from the benchmarks under `bench/`; rerun them with the command named in each section.\n';
  const section = `## ${heading}\n\n${body.trim()}\n`;
  const re = new RegExp(`## ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=\\n## |$)`);
  writeFileSync(
    file,
    re.test(current) ? current.replace(re, () => section) : `${current.trimEnd()}\n\n${section}`,
  );
}

/** Replaces the text between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->` in a file, if present. */
export function writeMarked(file, name, body) {
  if (!existsSync(file)) return false;
  const current = readFileSync(file, 'utf8');
  const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  // Blank lines around the body keep the markers as separate HTML blocks, as Prettier formats them.
  const block = `<!-- bench:${name} -->\n\n${body.trim()}\n\n<!-- /bench:${name} -->`;
  writeFileSync(
    file,
    re.test(current)
      ? current.replace(re, () => block)
      : `${current.trimEnd()}\n\n## Performance\n\n${block}\n`,
  );
  return true;
}
