// What a bundle's bytes are made of, from its esbuild metafile: the platform's own code, Powertools, other
// libraries, the AWS SDK, and the rest (the handler file and esbuild's runtime helpers).

export const CATEGORIES = [
  { key: 'platform', label: 'platform code' },
  { key: 'powertools', label: 'Powertools' },
  { key: 'library', label: 'other libraries' },
  { key: 'sdk', label: 'AWS SDK' },
  { key: 'rest', label: 'handler + esbuild runtime' },
];

const packageOf = (path) => path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];

/** Bytes of `output` (one output of `metafile`) per category key of CATEGORIES. */
export function categorize(metafile, output) {
  const importers = new Map();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    for (const { path: imported } of input.imports) {
      importers.set(imported, [...(importers.get(imported) ?? []), path]);
    }
  }
  const categoryOf = (path, seen) => {
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
  const parts = Object.fromEntries(CATEGORIES.map(({ key }) => [key, 0]));
  let attributed = 0;
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    parts[categoryOf(path, new Set())] += bytesInOutput;
    attributed += bytesInOutput;
  }
  parts.rest += output.bytes - attributed;
  return parts;
}

/** Bytes of `output` per AWS SDK client package (`@aws-sdk/client-<name>` -> bytes), from its inputs. */
export function sdkClientBytes(output) {
  const clients = {};
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const client = path.match(/node_modules\/(@aws-sdk\/client-[^/]+)\//)?.[1];
    if (client) clients[client] = (clients[client] ?? 0) + bytesInOutput;
  }
  return clients;
}
