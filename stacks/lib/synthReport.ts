/**
 * What `stacks/main.ts` prints, for people: the accepted guardrail suppressions once per stack, one
 * closing line, then the warnings; or, when the synth fails, the error's message alone.
 */
import { relative, sep } from 'node:path';
import { AnnotationMetadataEntryType } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { GuardrailReportLine } from '@platform/constructs';

export interface SynthSummary {
  readonly stacks: number;
  readonly outdir: string;
  readonly seconds: number;
  readonly report: readonly GuardrailReportLine[];
  /** Warnings the constructs left as cdktf annotations (`Annotations.of(c).addWarning`). */
  readonly annotations?: readonly string[];
  /** Only warnings: no suppressions, no closing line. */
  readonly quiet: boolean;
  /** Paths are shown relative to it. */
  readonly cwd: string;
}

export interface SynthOutput {
  readonly out: readonly string[];
  readonly warnings: readonly string[];
}

export function formatSynthSummary(summary: SynthSummary): SynthOutput {
  const info = summary.report.filter((r) => r.level === 'info').map((r) => r.line);
  const warnings = [
    ...summary.report.filter((r) => r.level === 'warning').map((r) => r.line),
    ...(summary.annotations ?? []).map((a) => `warning: ${a}`),
  ];
  if (summary.quiet) return { out: [], warnings };
  const stacksDir = `${summary.outdir}${sep}stacks`;
  const fromCwd = relative(summary.cwd, stacksDir);
  const where = fromCwd.startsWith('..') ? stacksDir : fromCwd || '.';
  const noun = summary.stacks === 1 ? 'stack' : 'stacks';
  return {
    out: [...info, `${summary.stacks} ${noun} written to ${where} in ${summary.seconds.toFixed(1)} s`],
    warnings,
  };
}

/** The warning annotations of every construct under `app`, once each (cdktf's CLI prints them too). */
export function warningAnnotations(app: IConstruct): string[] {
  const seen = new Set<string>();
  for (const c of app.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type === AnnotationMetadataEntryType.WARN) seen.add(String(m.data));
    }
  }
  return [...seen];
}

// Errors the platform raises for people carry their whole story (the problem, the value, the fix) in
// the message; a frame would only hide it. Anything else is a bug: its position is what helps.
const BUILT_IN = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'EvalError',
  'URIError',
]);

export function formatSynthError(error: unknown, root: string): string {
  if (!(error instanceof Error)) return `Synth failed: ${String(error)}`;
  if (!BUILT_IN.has(error.name)) return error.message;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line) && !/node_modules|node:internal|\(node:/.test(line))
    .map((line) => line.replace(root + sep, ''));
  return [`${error.name}: ${error.message}`, ...frames].join('\n');
}
