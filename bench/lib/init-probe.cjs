// Loads a handler module the way the Lambda runtime does (stdout and stderr already open, then require, or
// import for .mjs) and prints how long the load took in ms; with --cpu, the wall time and the CPU time
// (user + system, all threads of the process) separated by a space.
const { pathToFileURL } = require('node:url');

const [file, flag] = process.argv.slice(2);
void process.stdout;
void process.stderr;
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const loaded = file.endsWith('.mjs') ? import(pathToFileURL(file).href) : Promise.resolve(require(file));
loaded.then(() => {
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const { user, system } = process.cpuUsage(cpuStart);
  process.stdout.write(flag === '--cpu' ? `${wallMs} ${(user + system) / 1000}` : String(wallMs));
});
