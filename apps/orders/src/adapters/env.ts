import { requireEnvFor } from '@platform/lambda';

/** A variable the stack sets (stacks/orders/src/stack.ts); read when first needed, not at import. */
export const requireEnv = requireEnvFor('orders');
