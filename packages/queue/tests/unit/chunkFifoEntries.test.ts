import { chunkFifoEntries } from '../../src/chunkFifoEntries';

const entries = (...specs: [string, number][]) => specs.map(([groupId, size], i) => ({ i, groupId, size }));
const ids = (chunks: { i: number }[][]) => chunks.map((c) => c.map((e) => e.i));

describe('Function: chunkFifoEntries', () => {
  it('puts at most one entry of a group in a batch, keeping each group in order', () => {
    const chunks = chunkFifoEntries(entries(['a', 1], ['a', 1], ['b', 1], ['a', 1], ['b', 1]), 1_000);

    expect(ids(chunks)).toEqual([[0, 2], [1, 4], [3]]);
  });

  it('fills a batch up to exactly maxBytes', () => {
    expect(ids(chunkFifoEntries(entries(['a', 6], ['b', 4], ['c', 1]), 10))).toEqual([[0, 1], [2]]);
  });

  it('sends one group of n messages in n batches', () => {
    expect(ids(chunkFifoEntries(entries(['a', 1], ['a', 1], ['a', 1]), 1_000))).toEqual([[0], [1], [2]]);
  });

  it('fills a batch with up to 10 groups', () => {
    const specs = Array.from({ length: 12 }, (_, i): [string, number] => [`g${i}`, 1]);

    expect(ids(chunkFifoEntries(entries(...specs), 1_000))).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 11],
    ]);
  });

  it('holds back the rest of a group whose next entry did not fit the bytes', () => {
    // b's first entry (60) does not fit after a (50): b's second must not overtake it.
    const chunks = chunkFifoEntries(entries(['a', 50], ['b', 60], ['b', 10], ['c', 40]), 100);

    expect(ids(chunks)).toEqual([[0, 3], [1], [2]]);
  });

  it('returns no batches for no entries', () => {
    expect(chunkFifoEntries([], 100)).toEqual([]);
  });
});
