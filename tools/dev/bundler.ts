import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildContext, Plugin } from 'esbuild';
import type { LogStream } from './logStream';

export interface ServiceBundles {
  /** Bundle path by function id: `<outDir>/<function>/index.js`. */
  readonly bundles: Record<string, string>;
  /** Starts watching; `onChange` gets each function whose bundle changed after a rebuild. */
  watch(onChange: (fn: string) => void): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Builds a service's functions with the esbuild options of the Lambda bundles
 * (tools/bundle-functions.mjs), one esbuild context per function: a handler edit rebuilds that
 * function alone (esbuild watches each context's own inputs), a shared package all that use it.
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
  const bundles = Object.fromEntries(functions.map((fn) => [fn, join(outDir, fn, 'index.js')]));
  let listener: ((fn: string) => void) | undefined;

  const contexts: BuildContext[] = [];
  try {
    for (const fn of functions) {
      const entry = join(root, 'apps', service, 'src', 'handlers', `${fn}.ts`);
      contexts.push(
        await esbuild.context({
          ...lambdaBuildOptions(entry, bundles[fn]!),
          // The metafile is for bundle reports; a rebuild does not need it.
          metafile: false,
          // Linked, not external: the bundle names its map, so --enable-source-maps (the stack's
          // NODE_OPTIONS) shows stack traces in the TypeScript sources.
          sourcemap: 'linked',
          plugins: [changes(`${service}/${fn}`, bundles[fn]!, log, () => listener?.(fn))],
        }),
      );
    }
    const results = await Promise.allSettled(contexts.map((context) => context.rebuild()));
    if (results.some((result) => result.status === 'rejected')) {
      throw new Error(`${service}: the first build failed; fix the errors above and start again.`);
    }
  } catch (error) {
    await Promise.all(contexts.map((context) => context.dispose()));
    throw error;
  }

  return {
    bundles,
    async watch(onChange) {
      listener = onChange;
      await Promise.all(contexts.map((context) => context.watch()));
    },
    dispose: () => Promise.all(contexts.map((context) => context.dispose())).then(() => undefined),
  };
}

/** Reports a rebuild that changed the bundle (a comment-only edit does not) to `onChange`. */
function changes(tag: string, bundle: string, log: LogStream, onChange: () => void): Plugin {
  return {
    name: 'dev-reload',
    setup(build) {
      let started = 0;
      let hash: string | undefined;
      build.onStart(() => {
        started = Date.now();
      });
      build.onEnd((result) => {
        if (result.errors.length > 0) {
          log.info(
            `${tag}: build failed (${result.errors.length} errors above); it keeps the last good bundle`,
          );
          return;
        }
        const before = hash;
        hash = existsSync(bundle) ? createHash('sha256').update(readFileSync(bundle)).digest('hex') : '';
        if (before === undefined || before === hash) return;
        log.info(`${tag} rebuilt in ${Date.now() - started} ms`);
        onChange();
      });
    },
  };
}
