import type { BuildOptions } from 'esbuild';

/** The esbuild options of every Lambda bundle (tools/bundle-functions.mjs). */
export function lambdaBuildOptions(entry: string, outfile: string): BuildOptions;
