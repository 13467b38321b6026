import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TerraformStack } from 'cdktf';
import { collectGuardrailReport } from '@platform/constructs';
import { buildApp } from './lib/app';
import { parseStackRole } from './lib/plan';
import { withoutSourceMaps } from './lib/sourceMaps';
import { formatSynthError, formatSynthSummary, warningAnnotations } from './lib/synthReport';
import { topology } from './topology';

// The cdktf app (cdktf.json "app"). PLATFORM_STACKS selects stacks, e.g. "orders-dev", "orders-*" or
// "bootstrap-*"; PLATFORM_ROLE=plan makes service stacks assume the read-only plan role (diffs);
// --quiet or PLATFORM_QUIET=1 prints only warnings and errors.
const root = resolve(__dirname, '..');
try {
  const role = parseStackRole(process.env.PLATFORM_ROLE);
  const underCli = process.env.CDKTF_OUTDIR !== undefined;
  const outdir = resolve(process.env.CDKTF_OUTDIR ?? process.env.PLATFORM_OUTDIR ?? join(root, 'cdktf.out'));
  // The cdktf CLI cleans its output itself; run directly, stale stacks of removed services must go.
  if (!underCli) rmSync(join(outdir, 'stacks'), { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });

  const { stacks, report, annotations } = withoutSourceMaps(() => {
    const app = buildApp({
      topology,
      selection: process.env.PLATFORM_STACKS,
      role,
      bootstrap: true,
      outdir,
      stacksDir: __dirname,
      artifactsRoot: join(root, 'dist', 'apps'),
    });
    const collected = collectGuardrailReport(app);
    app.synth();
    return {
      stacks: app.node.children.filter((c) => TerraformStack.isStack(c)).length,
      report: collected,
      annotations: warningAnnotations(app),
    };
  });
  const { out, warnings } = formatSynthSummary({
    stacks,
    outdir,
    report,
    annotations,
    // From process start: loading the app's modules is part of what the user waits for.
    seconds: performance.now() / 1000,
    quiet: process.argv.includes('--quiet') || process.env.PLATFORM_QUIET === '1',
    cwd: process.cwd(),
  });
  for (const line of out) console.log(line);
  for (const line of warnings) console.warn(line);
} catch (error) {
  console.error(formatSynthError(error, root));
  process.exitCode = 1;
}
