import { backoffDelay } from '../../src/backoffDelay';

describe('Function: backoffDelay', () => {
  it('doubles the cap with each retry, up to the maximum', () => {
    const top = () => 0.9999999;

    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, 100, 1_000, top))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it('draws the wait uniformly below the cap (full jitter)', () => {
    expect(backoffDelay(3, 100, 1_000, () => 0)).toBe(0);
    expect(backoffDelay(3, 100, 1_000, () => 0.5)).toBe(200);
  });
});
