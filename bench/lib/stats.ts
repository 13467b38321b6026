// Shared by the benchmarks: statistics and the facts of the machine a result was measured on.
import { cpus, loadavg, totalmem } from 'node:os';

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export const stats = (xs: readonly number[]): Stats => {
  if (xs.length === 0) throw new Error('stats() of no values: a measurement ran zero times.');
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s[s.length - 1]! };
};

/** `median (min–max)`. */
export const fmt = ({ median, min, max }: Stats, digits = 0): string =>
  `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;

export const median = (xs: readonly number[]): number => stats(xs).median;

/** Where and when: date, cores, memory, Node, and the 1-minute load average (the machine may be shared). */
export const machine = (): string =>
  `${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, ` +
  `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`;
