import { sqsConsumptions } from '../consumers';
import type { Finding, GuardrailRule } from '../types';

// Provider and AWS defaults when the attribute is not set.
const DEFAULT_VISIBILITY_S = 30;
const DEFAULT_TIMEOUT_S = 3;

export const ConsumedQueueVisibility: GuardrailRule = {
  id: 'PLAT-SQS-2',
  title: "A consumed queue's visibility timeout is at least 6 x its function's timeout",
  why: 'A shorter visibility timeout makes a message visible again while it is still being processed (and retried by Lambda), so it is handled twice.',
  fix: "Leave visibilityTimeout unset on SqsConsumer (it computes 6 x the consumer's timeout + the batching window), or set at least that.",
  check({ view }) {
    const findings: Finding[] = [];
    for (const { mapping, queue, fn } of sqsConsumptions(view)) {
      if (!queue || !fn) continue; // PLAT-SQS-1 reports queues outside the stack
      const visibility = Number(queue.config.visibility_timeout_seconds ?? DEFAULT_VISIBILITY_S);
      const timeout = Number(fn.config.timeout ?? DEFAULT_TIMEOUT_S);
      const window = Number(mapping.config.maximum_batching_window_in_seconds ?? 0);
      if (visibility < 6 * timeout) {
        findings.push({
          address: queue.address,
          problem: `visibility_timeout_seconds ${visibility} is less than 6 x the timeout (${timeout}s) of its consumer ${fn.address}`,
          fix: `set visibility_timeout_seconds to at least ${6 * timeout + window} (SqsConsumer computes it)`,
        });
      }
    }
    return findings;
  },
};
