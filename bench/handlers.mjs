#!/usr/bin/env node
// Handler bundles: size (raw, gzip) and module-init time of a minimal handler using each platform
// package, against a bare handler in the same run; and the warm cost per SQS record of
// sqsHandler + logging against a bare loop. Writes docs/performance.md and the package READMEs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { lambdaBuildOptions } from '../tools/bundle-functions.mjs';
import { fmt, machine, stats, writeMarked, writeSection } from './lib/report.mjs';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const out = mkdtempSync(join(tmpdir(), 'bench-handlers-'));

// [entry, package whose README gets the row, baseline entry]
const entries = [
  ['bare', null, null],
  ['bare-sqs-client', null, 'bare'],
  ['logging', 'logging', 'bare'],
  ['caching', 'caching', 'bare'],
  ['settings', 'settings', 'bare'],
  ['queue', 'queue', 'bare-sqs-client'],
  ['lambda-http', 'lambda', 'bare'],
  ['lambda-sqs', 'lambda', 'bare'],
];

const env = { ...process.env, AWS_REGION: 'eu-west-1', SERVICE: 'bench', ENVIRONMENT: 'bench', POWERTOOLS_DEV: '', AWS_LAMBDA_FUNCTION_NAME: 'bench' };
const initOnce = (file) =>
  Number(
    execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], { env }),
  );

const results = {};
for (const [name] of entries) {
  const file = join(out, name, 'index.js');
  await build({ ...lambdaBuildOptions(join(import.meta.dirname, 'handlers', `${name}.ts`), file), metafile: false });
  const code = readFileSync(file);
  const init = stats(Array.from({ length: RUNS }, () => initOnce(file)));
  results[name] = { bytes: code.length, gzip: gzipSync(code).length, init };
  console.log(`${name}: ${(code.length / 1024).toFixed(1)} KiB, init ${fmt(init, 1)} ms`);
}

const kib = (b) => (b / 1024).toFixed(1);
const row = ([name, , base]) => {
  const r = results[name];
  const b = base ? results[base] : null;
  const added = b ? `+${kib(r.bytes - b.bytes)} KiB, +${(r.init.median - b.init.median).toFixed(1)} ms vs ${base}` : 'baseline';
  return `| ${name} | ${kib(r.bytes)} | ${kib(r.gzip)} | ${fmt(r.init, 1)} | ${b ? (r.init.median / b.init.median).toFixed(2) : '1.00'} | ${added} |`;
};
const header = ['| handler | KiB | gzip KiB | init ms, median (min–max) | init ratio to its baseline | added |', '| --- | ---: | ---: | ---: | ---: | --- |'];

// Warm cost per record: the same batches through sqsHandler (with logging) and through a bare loop.
const warm = JSON.parse(
  execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(import.meta.dirname, 'handlers', 'warm-sqs.ts')], {
    env: { ...env, POWERTOOLS_LOG_LEVEL: 'INFO' },
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString().trim().split('\n').pop(),
);
console.log(`warm per record: sqsHandler ${warm.wrappedUs.toFixed(1)} µs, bare ${warm.bareUs.toFixed(1)} µs`);

const body = [
  `Measured ${machine()}; \`node bench/handlers.mjs\`. Each handler is bundled with the production esbuild options (tools/bundle-functions.mjs); init is the \`require\` of the bundle in a fresh Node process, ${RUNS} processes each.`,
  '',
  ...header,
  ...entries.map(row),
  '',
  `Warm cost per SQS record (batches of 10, ${warm.records} records, logs to /dev/null): sqsHandler + logging ${warm.wrappedUs.toFixed(1)} µs, bare loop ${warm.bareUs.toFixed(1)} µs, overhead ${(warm.wrappedUs - warm.bareUs).toFixed(1)} µs per record (target < 20 µs).`,
].join('\n');
writeSection(join(root, 'docs', 'performance.md'), 'Handler bundles', body);
for (const pkg of new Set(entries.map(([, p]) => p).filter(Boolean))) {
  const rows = entries.filter(([, p]) => p === pkg).map(row);
  const extra = pkg === 'lambda' ? `\n\nWarm overhead per SQS record: ${(warm.wrappedUs - warm.bareUs).toFixed(1)} µs (sqsHandler + logging vs a bare loop).` : '';
  writeMarked(join(root, 'packages', pkg, 'README.md'), 'handlers', [`Measured ${machine()} (\`node bench/handlers.mjs\`, see docs/performance.md):`, '', ...header, ...rows].join('\n') + extra);
}
rmSync(out, { recursive: true, force: true });
console.log('wrote docs/performance.md and package READMEs');
