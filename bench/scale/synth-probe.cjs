// Preloaded (NODE_OPTIONS=--require) into `tsx stacks/main.ts`: splits the synth process's time into loading
// and building the app (up to app.synth()) and writing it (app.synth()), without changing stacks/main.ts.
// Writes { loadAndBuildMs, synthMs, totalMs, stacks, maxRssMiB } to SCALE_SYNTH_PROBE at exit.
// tsx runs the script in a child process: only the process whose script is stacks/main.ts reports.
const { writeFileSync } = require('node:fs');
/** @type {{ _load: (request: string, ...rest: unknown[]) => any }} Node's internal loader, patched below. */
const Module = /** @type {any} */ (require('node:module'));

const out = process.env.SCALE_SYNTH_PROBE;
if (out && /[\\/]stacks[\\/]main\.ts$/.test(process.argv[1] ?? '')) {
  /** @type {{ stacks: number, hooked?: boolean, loadAndBuildMs?: number, synthMs?: number, totalMs?: number, maxRssMiB?: number }} */
  const result = { stacks: 0 };
  const load = Module._load;
  /** @this {unknown} @param {string} request @param {unknown[]} rest */
  Module._load = function (request, ...rest) {
    const exports = load.call(this, request, ...rest);
    if (request === 'cdktf' && !result.hooked) {
      result.hooked = true;
      const synth = exports.App.prototype.synth;
      /** @this {{ node: { children: unknown[] } }} @param {unknown[]} args */
      exports.App.prototype.synth = function (...args) {
        const started = performance.now();
        result.loadAndBuildMs = started; // from the process's start (performance's time origin)
        result.stacks = this.node.children.length;
        const value = synth.apply(this, args);
        result.synthMs = performance.now() - started;
        return value;
      };
    }
    return exports;
  };
  process.on('exit', () => {
    delete result.hooked;
    result.totalMs = performance.now();
    result.maxRssMiB = process.resourceUsage().maxRSS / 1024;
    writeFileSync(out, JSON.stringify(result));
  });
}
