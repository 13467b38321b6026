import { mutationConfig } from '../../stryker.preset.mjs';

// The guardrails (policy checks), against their own tests: every construct test also runs the
// guardrails through ServiceStack, and with them a guardrail mutant costs minutes on this machine
// (docs/testing.md, "Mutation testing").
export default mutationConfig('constructs', {
  mutate: ['src/guardrails/**/*.ts'],
  tests: ['tests/guardrails/**/*.test.ts'],
});
