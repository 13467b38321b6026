import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildContext, Plugin } from 'esbuild';
import type { LogStream } from './logStream';

export interface ServiceBundles {
  /** Bundle path by function id: `<outDir>/<function>/index.js`. */
  readonly bundles: Record<string, string>;
  /** Starts watching; `onChange` gets the functions whose bundle changed after each rebuild. */
  watch(onChange: (functions: string[]) => void): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Builds a service's functions with the esbuild options of the Lambda bundles
 * (tools/bundle-functions.mjs), all in one esbuild context so a rebuild parses shared code once.
 * Writes to its own folder: dist/apps stays what `nx run <service>:build` made for the synth.
 */
export async function bundleService(
  root: string,
  service: string,
  functions: string[],
  outDir: string,
  log: LogStream,
): Promise<ServiceBundles> {
  const esbuild = await import('esbuild');
  const { lambdaBuildOptions } =
    (await import('../bundle-functions.mjs')) as typeof import('../bundle-functions.mjs');
  const entries = Object.fromEntries(
    functions.map((fn) => [fn, join(root, 'apps', service, 'src', 'handlers', `${fn}.ts`)]),
  );
  const bundles = Object.fromEntries(functions.map((fn) => [fn, join(outDir, fn, 'index.js')]));
  const hashes = new Map<string, string>();
  let listener: ((functions: string[]) => void) | undefined;

  const changes: Plugin = {
    name: 'dev-reload',
    setup(build) {
      let started = 0;
      build.onStart(() => {
        started = Date.now();
      });
      build.onEnd((result) => {
        if (result.errors.length > 0) {
          log.info(
            `${service}: build failed (${result.errors.length} errors above); functions keep the last good bundle`,
          );
          return;
        }
        const changed = functions.filter((fn) => {
          const hash = existsSync(bundles[fn]!) ? digest(bundles[fn]!) : '';
          const before = hashes.get(fn);
          hashes.set(fn, hash);
          return before !== undefined && before !== hash;
        });
        if (changed.length > 0) {
          log.info(`${service}: rebuilt ${changed.join(', ')} in ${Date.now() - started} ms`);
          listener?.(changed);
        }
      });
    },
  };

  const {
    entryPoints: _entry,
    outfile: _outfile,
    ...options
  } = lambdaBuildOptions(entries[functions[0]!]!, '');
  const context: BuildContext = await esbuild.context({
    ...options,
    entryPoints: entries,
    outdir: outDir,
    entryNames: '[name]/index',
    // The metafile is for bundle reports; a rebuild does not need it.
    metafile: false,
    // Linked, not external: the bundle names its map, so --enable-source-maps (the stack's
    // NODE_OPTIONS) shows stack traces in the TypeScript sources.
    sourcemap: 'linked',
    plugins: [changes],
  });
  const built = await context.rebuild().catch((error: Error) => error);
  if (built instanceof Error) {
    await context.dispose();
    throw new Error(`${service}: the first build failed; fix the errors above and start again.`, {
      cause: built,
    });
  }

  return {
    bundles,
    async watch(onChange) {
      listener = onChange;
      await context.watch();
    },
    dispose: () => context.dispose(),
  };
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
