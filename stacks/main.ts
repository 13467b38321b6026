import { join, resolve } from 'node:path';
import { buildApp } from './lib/app';
import { topology } from './topology';

// The cdktf app (cdktf.json "app"). PLATFORM_STACKS selects stacks, e.g. "orders-dev" or "orders-*".
const root = resolve(__dirname, '..');
const app = buildApp({
  topology,
  selection: process.env.PLATFORM_STACKS,
  outdir: process.env.CDKTF_OUTDIR ?? join(root, 'cdktf.out'),
  stacksDir: __dirname,
  artifactsRoot: join(root, 'dist', 'apps'),
});
app.synth();
