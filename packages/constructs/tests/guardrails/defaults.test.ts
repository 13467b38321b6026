import { ConsumedQueueVisibility } from '../../src/guardrails/rules/ConsumedQueueVisibility';
import { NoSecretsInEnvironment } from '../../src/guardrails/rules/NoSecretsInEnvironment';
import { ProviderPinnedToAccount } from '../../src/guardrails/rules/ProviderPinnedToAccount';
import { StackView } from '../../src/guardrails/StackView';
import type { GuardrailRule, StackExpectations, TerraformJson } from '../../src/guardrails/types';

// What the rules assume when an attribute is not set (the AWS and provider defaults), and the
// boundaries of their comparisons: edge cases found by mutation testing (docs/testing.md).
const check = (rule: GuardrailRule, json: TerraformJson, expected: StackExpectations = {}) =>
  rule.check({ stack: 'orders-dev', view: new StackView(json), expected, stateKeys: new Map() });

const consumer = (fn: object, queue: object): TerraformJson => ({
  resource: {
    aws_lambda_function: { fn: { function_name: 'orders-dev-fn', role: 'r', ...fn } },
    aws_sqs_queue: { queue: { name: 'q', ...queue } },
    aws_lambda_event_source_mapping: {
      m: { event_source_arn: '${aws_sqs_queue.queue.arn}', function_name: 'orders-dev-fn' },
    },
  },
});

describe('Guardrail defaults and boundaries', () => {
  describe('PLAT-SQS-2 ConsumedQueueVisibility', () => {
    it("takes SQS's default visibility timeout (30 s) when the queue sets none", () => {
      expect(check(ConsumedQueueVisibility, consumer({ timeout: 6 }, {}))).toEqual([
        {
          address: 'aws_sqs_queue.queue',
          problem:
            'visibility_timeout_seconds 30 is less than 6 x the timeout (6s) of its consumer aws_lambda_function.fn',
          fix: 'set visibility_timeout_seconds to at least 36 (SqsConsumer computes it)',
        },
      ]);
      expect(check(ConsumedQueueVisibility, consumer({ timeout: 5 }, {}))).toEqual([]);
    });

    it("takes Lambda's default timeout (3 s) when the function sets none", () => {
      expect(check(ConsumedQueueVisibility, consumer({}, { visibility_timeout_seconds: 17 }))).toEqual([
        {
          address: 'aws_sqs_queue.queue',
          problem:
            'visibility_timeout_seconds 17 is less than 6 x the timeout (3s) of its consumer aws_lambda_function.fn',
          fix: 'set visibility_timeout_seconds to at least 18 (SqsConsumer computes it)',
        },
      ]);
    });

    it('passes a visibility timeout of exactly 6 x the timeout', () => {
      expect(
        check(ConsumedQueueVisibility, consumer({ timeout: 10 }, { visibility_timeout_seconds: 60 })),
      ).toEqual([]);
    });
  });

  describe('PLAT-PROVIDER-1 ProviderPinnedToAccount', () => {
    it('treats allowed_account_ids that is not a list as missing', () => {
      const json: TerraformJson = { provider: { aws: [{ allowed_account_ids: '111111111111' }] } };

      expect(check(ProviderPinnedToAccount, json, { accountId: '111111111111' })).toEqual([
        {
          address: 'provider.aws',
          problem: 'has no allowed_account_ids',
          fix: 'set allowed_account_ids = ["111111111111"]',
        },
      ]);
    });

    it('names one account that is not the stack account, and passes the stack account alone', () => {
      const pinned = (ids: string[]): TerraformJson => ({
        provider: { aws: [{ allowed_account_ids: ids }] },
      });

      expect(check(ProviderPinnedToAccount, pinned(['222222222222']), { accountId: '111111111111' })).toEqual(
        [
          {
            address: 'provider.aws',
            problem: 'allowed_account_ids ["222222222222"] is not exactly the stack account 111111111111',
            fix: 'set allowed_account_ids = ["111111111111"]',
          },
        ],
      );
      expect(check(ProviderPinnedToAccount, pinned(['111111111111']), { accountId: '111111111111' })).toEqual(
        [],
      );
      expect(check(ProviderPinnedToAccount, pinned(['222222222222']))).toEqual([]);
    });
  });

  describe('PLAT-LAMBDA-1 NoSecretsInEnvironment', () => {
    it('passes a function without environment', () => {
      const json: TerraformJson = { resource: { aws_lambda_function: { fn: { function_name: 'f' } } } };

      expect(check(NoSecretsInEnvironment, json)).toEqual([]);
    });

    it('reads the environment given as a list of one block (hand-written JSON)', () => {
      const json: TerraformJson = {
        resource: {
          aws_lambda_function: {
            fn: { function_name: 'f', environment: [{ variables: { API_KEY: 'k-123' } }] },
          },
        },
      };

      expect(check(NoSecretsInEnvironment, json)).toEqual([
        {
          address: 'aws_lambda_function.fn',
          problem: 'environment variable API_KEY looks secret and holds a literal value (5 characters)',
          fix: 'store the value in Secrets Manager or an SSM SecureString and read it at runtime (fn.grantSecret / fn.grantSettings); pass only its name or ARN',
        },
      ]);
    });
  });
});
