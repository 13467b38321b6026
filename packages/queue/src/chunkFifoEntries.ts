import { MAX_BATCH_ENTRIES } from './chunkEntries';

/**
 * Splits FIFO entries into batches that hold at most one entry per message group, each group's
 * entries in order across the batches, at most `maxEntries` entries and `maxBytes` bytes per batch.
 *
 * Why one per group: SendMessageBatch answers per entry, and SQS documents no rule that a failed
 * entry stops the later entries of its group in the same call. If it fails message 2 of a group and
 * accepts message 3, no retry can put 2 back before 3. With one entry per group per call, a failed
 * entry is retried, or given up, before the next message of its group is ever sent.
 */
export function chunkFifoEntries<E extends { readonly size: number; readonly groupId?: string }>(
  entries: readonly E[],
  maxBytes: number,
  maxEntries = MAX_BATCH_ENTRIES,
): E[][] {
  const chunks: E[][] = [];
  let remaining = entries;
  while (remaining.length > 0) {
    const chunk: E[] = [];
    const left: E[] = [];
    // Groups already in this batch, or whose head did not fit: their later entries wait too.
    const taken = new Set<string | undefined>();
    let bytes = 0;
    for (const entry of remaining) {
      const fits = chunk.length === 0 || (chunk.length < maxEntries && bytes + entry.size <= maxBytes);
      if (taken.has(entry.groupId) || !fits) {
        left.push(entry);
      } else {
        chunk.push(entry);
        bytes += entry.size;
      }
      taken.add(entry.groupId);
    }
    chunks.push(chunk);
    remaining = left;
  }
  return chunks;
}
