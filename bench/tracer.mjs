#!/usr/bin/env -S npx tsx
// What AWS SDK subsegments (Powertools Tracer, X-Ray) cost a function: the handler of bare-sqs-client.ts
// against the same handler with its client captured by the Tracer (tracer-sdk.ts), both bundled with the
// production options, in one run: bundle size, init (the require in a fresh process, CPU ms) and a warm
// invocation (one SendMessage to a local stub, under a new sampled trace header each time, CPU µs), with
// the segments the Tracer sent counted at a local UDP daemon address. Writes docs/performance.md ("Tracing").
// Run with tsx (it imports the bench's TypeScript helpers): `npx nx run bench:bench-tracer`.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { format, resolveConfig } from 'prettier';
import { lambdaBuildOptions } from '../tools/bundle-functions.mjs';
import { lambdaEnv } from './lib/lambdaEnv';
import { fmt, machine, stats } from './lib/stats';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CALLS = Number(process.env.BENCH_TRACER_CALLS ?? 300);
/** The init budget a package may add to the bare handler (docs/performance.md, "Against the targets"). */
const INIT_BUDGET_MS = 10;
mkdirSync(join(root, 'tmp'), { recursive: true });
const out = mkdtempSync(join(root, 'tmp', 'bench-tracer-'));
process.on('exit', () => rmSync(out, { recursive: true, force: true }));
const load = loadavg()[0].toFixed(1);

const variants = [
  { name: 'bare-sqs-client', label: 'baseline: `SQSClient`, one SendMessage per invocation' },
  { name: 'tracer-sdk', label: 'the same client captured by Powertools Tracer (`captureAWSv3Client`)' },
];
const results = {};
for (const { name } of variants) {
  const file = join(out, name, 'index.js');
  await build(lambdaBuildOptions(join(import.meta.dirname, 'handlers', `${name}.ts`), file));
  results[name] = { file, bytes: readFileSync(file).length };
}

// Segments go over UDP to the daemon address, as in Lambda; here to a socket that counts them.
const daemon = createSocket('udp4');
let segments = 0;
daemon.on('message', () => segments++);
await new Promise((done) => daemon.bind(0, '127.0.0.1', done));
const stub = spawn(
  join(root, 'node_modules', '.bin', 'tsx'),
  [join(import.meta.dirname, 'lib', 'awsStub.ts')],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const [endpointLine] = await once(stub.stdout, 'data');
const endpoint = String(endpointLine).trim();
// What Lambda sets with active tracing: the execution environment (the Tracer is on only in Lambda),
// the task root (the X-Ray SDK's Lambda mode, facade segments from _X_AMZN_TRACE_ID) and the daemon address.
const env = {
  ...lambdaEnv,
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: out,
  AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
  AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  AWS_ENDPOINT_URL: endpoint,
  QUEUE_URL: `${endpoint}/123456789012/bench-orders`,
};
// Asynchronous: the parent's UDP socket must keep receiving while a probe runs.
const node = async (args) => {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const chunks = [];
  child.stdout.on('data', (c) => chunks.push(c));
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}`);
  return Buffer.concat(chunks).toString();
};

const initProbe = join(import.meta.dirname, 'lib', 'init-probe.cjs');
const warmProbe = join(import.meta.dirname, 'lib', 'warm-call-probe.cjs');
const raw = Object.fromEntries(variants.map(({ name }) => [name, { init: [], warm: [], segments: [] }]));
try {
  for (let run = 0; run < RUNS; run++) {
    for (const { name } of run % 2 === 0 ? variants : [...variants].reverse()) {
      const [, cpu] = (await node([initProbe, results[name].file, '--cpu'])).split(' ').map(Number);
      raw[name].init.push(cpu);
      const before = segments;
      raw[name].warm.push(JSON.parse(await node([warmProbe, results[name].file, String(CALLS)])).cpuUs);
      await new Promise((done) => setTimeout(done, 50)); // the last datagrams in flight
      raw[name].segments.push(segments - before);
    }
  }
} finally {
  stub.stdin.end();
  daemon.close();
}
for (const { name } of variants) {
  results[name].init = stats(raw[name].init);
  results[name].warm = stats(raw[name].warm);
  results[name].segmentsPerCall = stats(raw[name].segments.map((n) => n / (CALLS + 50)));
}

const [base, traced] = variants.map(({ name }) => results[name]);
const addedInit = traced.init.median - base.init.median;
const addedWarm = traced.warm.median - base.warm.median;
const withinBudget = addedInit < INIT_BUDGET_MS;
const kb = (bytes) => (bytes / 1000).toFixed(1);
const row = ({ name, label }) => {
  const r = results[name];
  const ratio = (a, b) => (name === 'bare-sqs-client' ? 'baseline' : `×${(a / b).toFixed(2)}`);
  return (
    `| ${label} | ${kb(r.bytes)} | ${fmt(r.init, 1)} | ${ratio(r.init.median, base.init.median)} | ` +
    `${fmt(r.warm, 0)} | ${ratio(r.warm.median, base.warm.median)} | ${r.segmentsPerCall.median.toFixed(2)} |`
  );
};
const body = [
  `Measured ${machine()}, load average ${load} at the start (\`node bench/tracer.mjs\`).`,
  '',
  'X-Ray active tracing is on for every function (ServiceFunction: Lambda records the invocation). What AWS SDK',
  'subsegments add on top, with the environment Lambda gives a traced function (`AWS_EXECUTION_ENV`,',
  '`LAMBDA_TASK_ROOT`, a daemon address, a new sampled `_X_AMZN_TRACE_ID` per invocation): two handlers sending',
  'one SQS message per invocation to a local stub (bench/lib/awsStub.mjs), bundled with the production options.',
  `Init: the \`require\` in a fresh process, CPU ms; warm: ${CALLS} invocations after 50, CPU µs each (median of`,
  `${RUNS} processes, min–max); segments: datagrams the Tracer sent per invocation to a local UDP socket.`,
  '',
  '| handler | KB | init CPU ms | init ratio | warm invocation CPU µs | warm ratio | segments per invocation |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...variants.map(row),
  '',
  `**SDK subsegments add ${kb(traced.bytes - base.bytes)} KB, ${addedInit.toFixed(1)} ms of init CPU and ` +
    `${addedWarm.toFixed(0)} µs of CPU per warm invocation** (one SDK call).`,
  withinBudget
    ? `That is within the init budget of ${INIT_BUDGET_MS} ms a package may add: adopted by default.`
    : `That is over the init budget of ${INIT_BUDGET_MS} ms a package may add ("Against the targets"), so they are not ` +
      'on by default: a function opts in by capturing its own clients with `captureAwsSdk(client)` of @platform/lambda ' +
      '(the Tracer is then bundled into that function only; packages/lambda/README.md).',
].join('\n');
/** Replaces (or appends) the `## <heading>` section of a Markdown file. */
function writeSection(file, heading, text) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const section = `## ${heading}\n\n${text.trim()}\n`;
  const re = new RegExp(`## ${heading}\\n[\\s\\S]*?(?=\\n## |$)`);
  writeFileSync(
    file,
    re.test(current) ? current.replace(re, () => section) : `${current.trimEnd()}\n\n${section}`,
  );
}
const prettierOptions = { ...(await resolveConfig(join(root, 'README.md'))), parser: 'markdown' };
writeSection(join(root, 'docs', 'performance.md'), 'Tracing', await format(body, prettierOptions));
console.log(body);
