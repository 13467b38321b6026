#!/usr/bin/env node
// Measures what the wrappers add to a function: minified bundle size (AWS SDK clients external) and init
// time (require of the bundle in a fresh Node process, median of RUNS). Usage: node packages/lambda/scripts/measure.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const RUNS = 21;
const here = dirname(fileURLToPath(import.meta.url));
const workspaceRoot = join(here, '..', '..', '..');
const fixtures = ['emptyFunction', 'httpFunction', 'sqsFunction', 'scheduleFunction'];
const out = mkdtempSync(join(tmpdir(), 'lambda-measure-'));
// As in Lambda, the runtime has created stdout and stderr before it loads the handler (~5 ms otherwise).
const probe = join(out, 'probe.cjs');
writeFileSync(
  probe,
  'void process.stdout; void process.stderr; const t = process.hrtime.bigint(); require(process.argv[2]);' +
    'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));',
);

try {
  const rows = [];
  for (const fixture of fixtures) {
    const outfile = join(out, `${fixture}.js`);
    await build({
      entryPoints: [join(here, '..', 'tests', 'fixtures', `${fixture}.ts`)],
      outfile,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      mainFields: ['module', 'main'],
      legalComments: 'none',
      tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
      external: ['@aws-sdk/*'],
      logLevel: 'warning',
      absWorkingDir: workspaceRoot,
    });
    const times = Array.from({ length: RUNS }, () =>
      Number(execFileSync(process.execPath, [probe, outfile])),
    ).sort((a, b) => a - b);
    const bytes = (await import('node:fs')).statSync(outfile).size;
    rows.push({ fixture, bytes, initMs: times[Math.floor(RUNS / 2)] });
  }
  const [empty] = rows;
  for (const row of rows) {
    console.log(
      `${row.fixture.padEnd(18)} ${(row.bytes / 1024).toFixed(1).padStart(5)} KiB (+${((row.bytes - empty.bytes) / 1024).toFixed(1)})` +
        `  init ${row.initMs.toFixed(1)} ms (+${(row.initMs - empty.initMs).toFixed(1)})`,
    );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
