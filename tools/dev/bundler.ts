import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildContext, BuildOptions, Metafile, Plugin } from 'esbuild';
import type { LogStream } from './logStream';

export interface ServiceBundles {
  /** Bundle path by function id: `<outDir>/<function>/index.js`. */
  readonly bundles: Record<string, string>;
  /** Functions whose bundle from the last run was reused (no input changed since). */
  readonly reused: string[];
  /** Starts watching; `onChange` gets each function whose bundle changed after a rebuild. */
  watch(onChange: (fn: string) => void): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Builds a service's functions with the esbuild options of the Lambda bundles
 * (tools/bundle-functions.mjs), one esbuild context per function: a handler edit rebuilds that
 * function alone (esbuild watches each context's own inputs), a shared package all that use it.
 * Writes to its own folder: dist/apps stays what `nx run <service>:build` made for the synth.
 *
 * A bundle whose inputs and options are unchanged since the last run is used as it is, so a
 * restart does not wait for esbuild; watching builds it again in the background all the same.
 */
export async function bundleService(
  root: string,
  service: string,
  functions: string[],
  outDir: string,
  log: LogStream,
  watching: boolean,
): Promise<ServiceBundles> {
  const esbuild = await import('esbuild');
  const { lambdaBuildOptions } =
    (await import('../bundle-functions.mjs')) as typeof import('../bundle-functions.mjs');
  const bundles = Object.fromEntries(functions.map((fn) => [fn, join(outDir, fn, 'index.js')]));
  let listener: ((fn: string) => void) | undefined;

  const contexts: BuildContext[] = [];
  const watched = new Set<BuildContext>();
  const reused: string[] = [];
  try {
    const builds: Promise<boolean>[] = [];
    for (const fn of functions) {
      const entry = join(root, 'apps', service, 'src', 'handlers', `${fn}.ts`);
      const options: BuildOptions = {
        ...lambdaBuildOptions(entry, bundles[fn]!),
        // Input paths in the metafile relative to the workspace, whatever the current folder.
        absWorkingDir: root,
        // Linked, not external: the bundle names its map, so --enable-source-maps (the stack's
        // NODE_OPTIONS) shows stack traces in the TypeScript sources.
        sourcemap: 'linked',
      };
      const manifest = join(outDir, fn, 'inputs.json');
      const key = optionsKey(options);
      const fresh = upToDate(root, bundles[fn]!, manifest, key);
      let firstBuild!: (ok: boolean) => void;
      const built = new Promise<boolean>((resolve) => (firstBuild = resolve));
      const context = await esbuild.context({
        ...options,
        plugins: [
          changes(
            `${service}/${fn}`,
            bundles[fn]!,
            fresh,
            log,
            (metafile) => writeManifest(root, manifest, key, metafile),
            () => listener?.(fn),
            firstBuild,
          ),
        ],
      });
      contexts.push(context);
      if (fresh) {
        reused.push(fn);
      } else if (watching) {
        // watch() starts with a build of its own: that one is the first build, not a second one.
        watched.add(context);
        builds.push(context.watch().then(() => built));
      } else {
        builds.push(context.rebuild().then(() => built));
      }
    }
    if (reused.length > 0)
      log.info(`${service}: ${reused.join(', ')} from the last run's bundles (no input changed since)`);
    const results = await Promise.allSettled(builds);
    if (results.some((result) => result.status === 'rejected' || result.value === false)) {
      throw new Error(`${service}: the first build failed; fix the errors above and start again.`);
    }
  } catch (error) {
    await Promise.all(contexts.map((context) => context.dispose()));
    throw error;
  }

  return {
    bundles,
    reused,
    async watch(onChange) {
      listener = onChange;
      // The reused bundles' contexts have not built yet: their first build runs in the background.
      await Promise.all(contexts.filter((c) => !watched.has(c)).map((context) => context.watch()));
    },
    dispose: () => Promise.all(contexts.map((context) => context.dispose())).then(() => undefined),
  };
}

/**
 * Records the inputs of every good build, and reports one that changed the bundle (a comment-only
 * edit does not) to `onChange`; the first build of a bundle that was not reused only records.
 */
function changes(
  tag: string,
  bundle: string,
  reused: boolean,
  log: LogStream,
  record: (metafile: Metafile) => void,
  onChange: () => void,
  firstBuild: (ok: boolean) => void,
): Plugin {
  return {
    name: 'dev-reload',
    setup(build) {
      let started = 0;
      let hash = reused ? digest(bundle) : undefined;
      build.onStart(() => {
        started = Date.now();
      });
      build.onEnd((result) => {
        firstBuild(result.errors.length === 0);
        if (result.errors.length > 0) {
          log.info(
            `${tag}: build failed (${result.errors.length} errors above); it keeps the last good bundle`,
          );
          return;
        }
        if (result.metafile) record(result.metafile);
        const before = hash;
        hash = digest(bundle);
        if (before === undefined || before === hash) return;
        log.info(`${tag} rebuilt in ${Date.now() - started} ms`);
        onChange();
      });
    },
  };
}

const digest = (file: string) =>
  existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : '';

/** The build options that shape the output, as a key (plugins are functions: left out). */
const optionsKey = ({ plugins: _plugins, ...options }: BuildOptions) =>
  createHash('sha256').update(JSON.stringify(options)).digest('hex');

/** Each input's modification time when the bundle was built. */
function writeManifest(root: string, manifest: string, key: string, metafile: Metafile): void {
  const inputs = Object.fromEntries(
    Object.keys(metafile.inputs).map((input) => {
      const file = resolve(root, input);
      return [input, existsSync(file) ? statSync(file).mtimeMs : 0];
    }),
  );
  writeFileSync(manifest, JSON.stringify({ key, inputs }));
}

function upToDate(root: string, bundle: string, manifest: string, key: string): boolean {
  if (!existsSync(bundle) || !existsSync(manifest)) return false;
  const recorded = JSON.parse(readFileSync(manifest, 'utf8')) as {
    key: string;
    inputs: Record<string, number>;
  };
  if (recorded.key !== key) return false;
  return Object.entries(recorded.inputs).every(([input, mtime]) => {
    const file = resolve(root, input);
    return existsSync(file) && statSync(file).mtimeMs === mtime;
  });
}
