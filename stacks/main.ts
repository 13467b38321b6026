import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApp } from './lib/app';
import { parseStackRole } from './lib/plan';
import { withoutSourceMaps } from './lib/sourceMaps';
import { topology } from './topology';

// The cdktf app (cdktf.json "app"). PLATFORM_STACKS selects stacks, e.g. "orders-dev", "orders-*" or
// "bootstrap-*"; PLATFORM_ROLE=plan makes service stacks assume the read-only plan role (diffs).
const root = resolve(__dirname, '..');
const role = parseStackRole(process.env.PLATFORM_ROLE);
const underCli = process.env.CDKTF_OUTDIR !== undefined;
const outdir = resolve(process.env.CDKTF_OUTDIR ?? process.env.PLATFORM_OUTDIR ?? join(root, 'cdktf.out'));
// The cdktf CLI cleans its output itself; run directly, stale stacks of removed services must go.
if (!underCli) rmSync(join(outdir, 'stacks'), { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

withoutSourceMaps(() =>
  buildApp({
    topology,
    selection: process.env.PLATFORM_STACKS,
    role,
    bootstrap: true,
    outdir,
    stacksDir: __dirname,
    artifactsRoot: join(root, 'dist', 'apps'),
  }).synth(),
);
