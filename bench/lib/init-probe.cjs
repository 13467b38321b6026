// Loads a handler module the way the Lambda runtime does (stdout and stderr already open, then require, or
// import for .mjs) and prints how long the load took in ms.
const { pathToFileURL } = require('node:url');

const file = process.argv[2];
void process.stdout;
void process.stderr;
const start = process.hrtime.bigint();
const loaded = file.endsWith('.mjs') ? import(pathToFileURL(file).href) : Promise.resolve(require(file));
loaded.then(() => process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6)));
