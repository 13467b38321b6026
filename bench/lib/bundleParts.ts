// What a bundle's bytes are made of, from its esbuild metafile: the platform's own code, Powertools, other
// libraries, the AWS SDK, and the rest (the handler file and esbuild's runtime helpers).
import type { Metafile } from 'esbuild';

export type Category = 'platform' | 'powertools' | 'library' | 'sdk' | 'rest';
export type Parts = Record<Category, number>;

export const CATEGORIES: readonly { key: Category; label: string }[] = [
  { key: 'platform', label: 'platform code' },
  { key: 'powertools', label: 'Powertools' },
  { key: 'library', label: 'other libraries' },
  { key: 'sdk', label: 'AWS SDK' },
  { key: 'rest', label: 'handler + esbuild runtime' },
];

type Output = Metafile['outputs'][string];

const packageOf = (path: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];

/** Bytes of `output` (one output of `metafile`) per category. */
export function categorize(metafile: Metafile, output: Output): Parts {
  const importers = new Map<string, string[]>();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    for (const { path: imported } of input.imports) {
      importers.set(imported, [...(importers.get(imported) ?? []), path]);
    }
  }
  const categoryOf = (path: string, seen: Set<string>): Category => {
    const pkg = packageOf(path);
    if (!pkg) return /(^|\/)packages\//.test(path) ? 'platform' : 'rest';
    if (/^@(aws-sdk|smithy)\//.test(pkg)) return 'sdk';
    if (pkg.startsWith('@aws-lambda-powertools/')) return 'powertools';
    // Any other package belongs to what pulls it in: the SDK's dependencies are SDK, Powertools' are
    // Powertools (the SDK wins when both use it); what our code or the handler imports is a library.
    seen.add(path);
    const from = new Set(
      (importers.get(path) ?? []).filter((p) => !seen.has(p)).map((p) => categoryOf(p, seen)),
    );
    if (from.has('sdk')) return 'sdk';
    if (from.has('powertools')) return 'powertools';
    return 'library';
  };
  const parts: Parts = { platform: 0, powertools: 0, library: 0, sdk: 0, rest: 0 };
  let attributed = 0;
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    parts[categoryOf(path, new Set())] += bytesInOutput;
    attributed += bytesInOutput;
  }
  parts.rest += output.bytes - attributed;
  return parts;
}

/** Bytes of `output` per AWS SDK client package (`@aws-sdk/client-<name>` -> bytes), from its inputs. */
export function sdkClientBytes(output: Output): Record<string, number> {
  const clients: Record<string, number> = {};
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const client = /node_modules\/(@aws-sdk\/client-[^/]+)\//.exec(path)?.[1];
    if (client) clients[client] = (clients[client] ?? 0) + bytesInOutput;
  }
  return clients;
}
