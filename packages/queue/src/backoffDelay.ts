/**
 * "Full jitter" backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"): a random wait up
 * to the exponential cap, which spreads the retries of many senders instead of bunching them.
 * `retry` counts from 1.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * cap);
}
