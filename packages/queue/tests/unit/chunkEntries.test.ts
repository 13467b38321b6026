import { MAX_BATCH_ENTRIES } from '../../src';
import { chunkEntries } from '../../src/chunkEntries';

const sized = (...sizes: number[]) => sizes.map((size, i) => ({ i, size }));

describe('Function: chunkEntries', () => {
  it('fills batches up to 10 entries', () => {
    const chunks = chunkEntries(sized(...Array<number>(23).fill(1)), 1_000);

    expect(MAX_BATCH_ENTRIES).toBe(10);
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 3]);
  });

  it('closes a batch before its bytes would pass the limit, keeping the order', () => {
    const chunks = chunkEntries(sized(60, 40, 1, 100, 30, 70), 100);

    expect(chunks.map((c) => c.map((e) => e.i))).toEqual([[0, 1], [2], [3], [4, 5]]);
  });

  it('allows a batch exactly at the limit', () => {
    expect(chunkEntries(sized(50, 50), 100)).toHaveLength(1);
  });

  it('returns no batches for no entries', () => {
    expect(chunkEntries([], 100)).toEqual([]);
  });
});
