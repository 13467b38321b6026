// The Terraform check (tools/terraform/check.ts, as `npm run validate` runs it) over the synthesized stacks of
// the copy, with every terraform command timed by a shim on the PATH: the check itself is unchanged.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type Stats, stats } from '../lib/stats';
import type { Copy } from './workspace';
import { loadByPath } from '../lib/load';

interface CheckResult {
  readonly stack: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly errors: string[];
}
type CheckStacks = (options: {
  outdir: string;
  workdir: string;
  pluginMirror?: string;
}) => Promise<CheckResult[]>;

function shim(dir: string): string {
  const real = execFileSync('which', ['terraform']).toString().trim();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'terraform');
  // Start, end and subcommand of every call, appended to SCALE_TF_LOG; the exit code is terraform's.
  writeFileSync(
    file,
    `#!/bin/sh\nstart=$(date +%s.%N)\n${JSON.stringify(real)} "$@"\nrc=$?\necho "$start $(date +%s.%N) $1 $PWD" >> "$SCALE_TF_LOG"\nexit $rc\n`,
  );
  chmodSync(file, 0o755);
  return dir;
}

export interface TerraformResult {
  readonly stacks: number;
  readonly ofStacks: number;
  readonly serviceStacks: number;
  readonly wallMs: number;
  readonly perStack: Stats;
  readonly byCommand: Record<string, { count: number; seconds: number; each: number[] }>;
  readonly failed: { stack: string; errors: string[] }[];
}

/**
 * Checks `stacks` (names in the copy's cdktf.out; all when undefined) and returns the per-stack time (each
 * batch's time divided among its stacks) and the time per terraform subcommand.
 */
export async function measureTerraform(
  copy: Copy,
  { stacks, label }: { stacks?: readonly string[]; label: string },
): Promise<TerraformResult> {
  const scratch = join(copy.dir, 'tmp', 'bench-scale', `terraform-${label}`);
  rmSync(scratch, { recursive: true, force: true });
  const source = join(copy.dir, 'cdktf.out', 'stacks');
  const chosen = stacks ?? readdirSync(source).sort();
  mkdirSync(join(scratch, 'out', 'stacks'), { recursive: true });
  for (const name of chosen) symlinkSync(join(source, name), join(scratch, 'out', 'stacks', name), 'dir');

  // Loaded by path from the copy: bench imports no other project's source.
  const { checkStacks } = loadByPath(join(copy.dir, 'tools', 'terraform', 'check.ts')) as {
    checkStacks: CheckStacks;
  };
  const log = join(scratch, 'terraform-calls.log');
  const saved = { PATH: process.env.PATH, SCALE_TF_LOG: process.env.SCALE_TF_LOG };
  process.env.PATH = `${shim(join(scratch, 'bin'))}:${process.env.PATH}`;
  process.env.SCALE_TF_LOG = log;
  const started = performance.now();
  let results: CheckResult[];
  try {
    results = await checkStacks({
      outdir: join(scratch, 'out'),
      // Shared by every size: the provider is installed from the mirror once, as on a developer's machine.
      workdir: join(copy.dir, 'tmp', 'bench-scale', 'terraform-work'),
      pluginMirror: process.env.TF_PLUGIN_MIRROR || undefined,
    });
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.SCALE_TF_LOG === undefined) delete process.env.SCALE_TF_LOG;
    else process.env.SCALE_TF_LOG = saved.SCALE_TF_LOG;
  }
  const wallMs = performance.now() - started;
  const calls = existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const [start, end, command] = line.split(' ');
          return { command: command!, seconds: Number(end) - Number(start) };
        })
    : [];
  const byCommand: TerraformResult['byCommand'] = {};
  for (const { command, seconds } of calls) {
    const c = (byCommand[command] ??= { count: 0, seconds: 0, each: [] });
    c.count++;
    c.seconds += seconds;
    c.each.push(seconds);
  }
  return {
    stacks: results.length,
    ofStacks: readdirSync(source).length,
    serviceStacks: results.filter((r) => !r.stack.startsWith('bootstrap-')).length,
    wallMs,
    perStack: stats(results.map((r) => r.seconds)),
    byCommand,
    failed: results.filter((r) => !r.ok).map((r) => ({ stack: r.stack, errors: r.errors.slice(0, 3) })),
  };
}
