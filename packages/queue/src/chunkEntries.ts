/** SendMessageBatch takes at most 10 entries. */
export const MAX_BATCH_ENTRIES = 10;

/**
 * Splits entries, in order, into batches of at most `maxEntries` entries and `maxBytes` bytes in
 * total. Each entry must itself fit in `maxBytes` (checked when the entries were prepared).
 */
export function chunkEntries<E extends { readonly size: number }>(
  entries: readonly E[],
  maxBytes: number,
  maxEntries = MAX_BATCH_ENTRIES,
): E[][] {
  const chunks: E[][] = [];
  let current: E[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (current.length > 0 && (current.length >= maxEntries || bytes + entry.size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += entry.size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
