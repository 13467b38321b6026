/** A policy uses something the evaluator does not model: better to fail than to guess IAM's answer. */
export class UnsupportedPolicyError extends Error {
  constructor(what: string, supported: string) {
    super(
      `The IAM evaluator does not support ${what}. Supported: ${supported}. Extend packages/iam-check/src/evaluate.ts (with tests) before relying on it.`,
    );
    this.name = 'UnsupportedPolicyError';
  }
}
