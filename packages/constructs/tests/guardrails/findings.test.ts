import { ConsumedQueueDeadLetter } from '../../src/guardrails/rules/ConsumedQueueDeadLetter';
import { ConsumedQueueVisibility } from '../../src/guardrails/rules/ConsumedQueueVisibility';
import { EncryptedUniqueBackend } from '../../src/guardrails/rules/EncryptedUniqueBackend';
import { FunctionLogGroup } from '../../src/guardrails/rules/FunctionLogGroup';
import { FunctionOwnRole } from '../../src/guardrails/rules/FunctionOwnRole';
import { FunctionTracing } from '../../src/guardrails/rules/FunctionTracing';
import { LogGroupEncryption } from '../../src/guardrails/rules/LogGroupEncryption';
import { LogGroupRetention } from '../../src/guardrails/rules/LogGroupRetention';
import { NoSecretsInEnvironment } from '../../src/guardrails/rules/NoSecretsInEnvironment';
import { NoWildcardActions } from '../../src/guardrails/rules/NoWildcardActions';
import { NoWildcardResources } from '../../src/guardrails/rules/NoWildcardResources';
import { ProviderPinnedToAccount } from '../../src/guardrails/rules/ProviderPinnedToAccount';
import { QueueEncryption } from '../../src/guardrails/rules/QueueEncryption';
import { AuthorizedRoutes } from '../../src/guardrails/rules/AuthorizedRoutes';
import { StackView } from '../../src/guardrails/StackView';
import type { GuardrailRule, StackExpectations, TerraformJson } from '../../src/guardrails/types';

// Each rule's finding in full (address, problem, fix): the message is what a developer acts on.
// Edge cases found by mutation testing (docs/testing.md) sit next to the rule they belong to.
const check = (
  rule: GuardrailRule,
  json: TerraformJson,
  expected: StackExpectations = {},
  stateKeys = new Map<string, string>(),
) => rule.check({ stack: 'orders-dev', view: new StackView(json), expected, stateKeys });

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const rolePolicy = (policy: unknown) => ({ resource: { aws_iam_role_policy: { p: { role: 'r', policy } } } });
const lambda = (config: object = {}) => ({
  function_name: 'orders-dev-fn',
  role: '${aws_iam_role.role.arn}',
  timeout: 10,
  ...config,
});
const consumer = (mapping: object, queue: object = {}): TerraformJson => ({
  resource: {
    aws_lambda_function: { fn: lambda() },
    aws_sqs_queue: { queue: { name: 'q', visibility_timeout_seconds: 60, ...queue } },
    aws_lambda_event_source_mapping: {
      m: { event_source_arn: '${aws_sqs_queue.queue.arn}', function_name: 'orders-dev-fn', ...mapping },
    },
  },
});

describe('Guardrail findings', () => {
  describe('PLAT-IAM-1 NoWildcardActions', () => {
    it('names the wildcard actions, NotAction, and an unreadable policy cut to 80 characters', () => {
      const unreadable = `\${jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })}`;

      expect(check(NoWildcardActions, rolePolicy(doc({ Effect: 'Allow', Action: ['s3:*', '*'] })))).toEqual([
        {
          address: 'aws_iam_role_policy.p',
          problem: 'policy allows the wildcard action(s) s3:*, *',
          fix: 'list the exact actions needed (e.g. sqs:SendMessage), or use a typed grant such as fn.grantSend(queue)',
        },
      ]);
      expect(
        check(NoWildcardActions, rolePolicy(doc({ Effect: 'Allow', NotAction: ['iam:*', 's3:*'] }))),
      ).toEqual([
        {
          address: 'aws_iam_role_policy.p',
          problem: 'policy uses NotAction with Allow (iam:*, s3:*), which allows every other action',
          fix: 'use Action with the exact actions needed',
        },
      ]);
      expect(check(NoWildcardActions, rolePolicy(unreadable))).toEqual([
        {
          address: 'aws_iam_role_policy.p',
          problem:
            'policy is not plain JSON (${jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] ), so its actions cannot be checked',
          fix: 'build the policy with JSON.stringify (src/iam.ts policyDocument) or an aws_iam_policy_document in this stack',
        },
      ]);
    });

    it('skips an empty policy', () => {
      expect(check(NoWildcardActions, rolePolicy(''))).toEqual([]);
    });

    it('checks a role inline_policy given as one block', () => {
      const json = {
        resource: {
          aws_iam_role: {
            role: {
              name: 'r',
              inline_policy: { name: 'i', policy: doc({ Effect: 'Allow', Action: 'sqs:*' }) },
            },
          },
        },
      };

      expect(check(NoWildcardActions, json)).toEqual([
        expect.objectContaining({
          address: 'aws_iam_role.role',
          problem: 'inline_policy allows the wildcard action(s) sqs:*',
        }),
      ]);
    });
  });

  describe('PLAT-IAM-2 NoWildcardResources', () => {
    const fix =
      'name the exact resource ARNs (only actions without a resource type, such as xray:PutTraceSegments, may use "*")';

    it('names the actions and the wildcard resources, NotAction and NotResource', () => {
      expect(
        check(
          NoWildcardResources,
          rolePolicy(
            doc(
              {
                Effect: 'Allow',
                Action: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
                Resource: ['*', 'arn:aws:s3:::*'],
              },
              { Effect: 'Allow', NotAction: ['iam:PassRole', 'kms:Decrypt'], Resource: '*' },
              { Effect: 'Allow', Action: 'sqs:SendMessage', NotResource: 'arn:aws:sqs:eu-west-1:1:q' },
            ),
          ),
        ),
      ).toEqual([
        {
          address: 'aws_iam_role_policy.p',
          problem: 'policy allows sqs:SendMessage, sqs:GetQueueUrl on *, arn:aws:s3:::*',
          fix,
        },
        {
          address: 'aws_iam_role_policy.p',
          problem: 'policy allows every action except iam:PassRole, kms:Decrypt on *',
          fix,
        },
        {
          address: 'aws_iam_role_policy.p',
          problem: 'policy uses NotResource with Allow, which allows every other resource',
          fix: 'use Resource with the exact ARNs',
        },
      ]);
    });

    it('ignores values that are not strings among the actions', () => {
      const policy = doc({ Effect: 'Allow', Action: ['xray:PutTraceSegments', 7], Resource: '*' });

      expect(check(NoWildcardResources, rolePolicy(policy))).toEqual([]);
    });

    it('does not apply to resource policies, which name principals', () => {
      const queuePolicy = doc({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: '*',
      });
      const json = {
        resource: { aws_sqs_queue_policy: { p: { queue_url: 'q', policy: queuePolicy } } },
        data: {
          aws_iam_policy_document: {
            d: {
              statement: [
                { actions: ['sqs:SendMessage'], resources: ['*'], principals: [{ type: 'Service' }] },
                { actions: ['sqs:ReceiveMessage'], resources: ['arn:aws:sqs:eu-west-1:1:q'] },
              ],
            },
          },
        },
      };

      expect(check(NoWildcardResources, json)).toEqual([]);
    });
  });

  describe('PLAT-LAMBDA-1 NoSecretsInEnvironment', () => {
    const stack = (variables: Record<string, string>) => ({
      resource: { aws_lambda_function: { fn: lambda({ environment: { variables } }) } },
    });

    it('names the variable and the length of its value, never the value', () => {
      expect(check(NoSecretsInEnvironment, stack({ API_TOKEN: 'tok-123' }))).toEqual([
        {
          address: 'aws_lambda_function.fn',
          problem: 'environment variable API_TOKEN looks secret and holds a literal value (7 characters)',
          fix: 'store the value in Secrets Manager or an SSM SecureString and read it at runtime (fn.grantSecret / fn.grantSettings); pass only its name or ARN',
        },
      ]);
    });

    it('passes an empty value, a whole reference and an ARN', () => {
      expect(
        check(
          NoSecretsInEnvironment,
          stack({
            API_TOKEN: '',
            DB_PASSWORD: '${aws_secretsmanager_secret.db.arn}',
            SIGNING_KEY: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:k',
          }),
        ),
      ).toEqual([]);
    });

    it.each([['k-${random_id.k.hex}'], ['${random_id.k.hex}-k']])(
      'flags %s, a literal around a reference',
      (value) => {
        expect(check(NoSecretsInEnvironment, stack({ SIGNING_KEY: value }))).toEqual([
          expect.objectContaining({ address: 'aws_lambda_function.fn' }),
        ]);
      },
    );
  });

  describe('PLAT-LAMBDA-2 FunctionLogGroup', () => {
    it('finds the log group by its default name, and names the group it expected', () => {
      const json = (name: string, retention?: number) => ({
        resource: {
          aws_lambda_function: { fn: lambda() },
          aws_cloudwatch_log_group: { logs: { name, retention_in_days: retention } },
        },
      });

      expect(check(FunctionLogGroup, json('/aws/lambda/orders-dev-fn', 30))).toEqual([]);
      expect(check(FunctionLogGroup, json('/aws/lambda/other', 30))).toEqual([
        {
          address: 'aws_lambda_function.fn',
          problem: 'no log group in the stack for its logs (/aws/lambda/orders-dev-fn)',
          fix: 'use ServiceFunction, or add an aws_cloudwatch_log_group and set logging_config.log_group to it',
        },
      ]);
      expect(check(FunctionLogGroup, json('/aws/lambda/orders-dev-fn', 0))).toEqual([
        {
          address: 'aws_lambda_function.fn',
          problem: 'its log group aws_cloudwatch_log_group.logs keeps logs forever (no retention_in_days)',
          fix: 'set retention_in_days on the log group (ServiceFunction: logRetentionDays, default 30)',
        },
      ]);
    });
  });

  describe('PLAT-LAMBDA-3 FunctionOwnRole', () => {
    it('names the other functions sharing a role, and a role from outside the stack', () => {
      const json = {
        resource: {
          aws_lambda_function: {
            a: lambda(),
            b: lambda({ function_name: 'b' }),
            c: lambda({ function_name: 'c' }),
            d: lambda({ function_name: 'd', role: 'arn:aws:iam::111111111111:role/shared' }),
          },
          aws_iam_role: { role: { name: 'r' } },
        },
      };
      const fix = 'give each function its own role with only the grants it needs';

      expect(check(FunctionOwnRole, json)).toEqual([
        {
          address: 'aws_lambda_function.d',
          problem: 'its role arn:aws:iam::111111111111:role/shared is not an aws_iam_role of this stack',
          fix: 'give the function its own aws_iam_role in the stack (ServiceFunction does)',
        },
        {
          address: 'aws_lambda_function.a',
          problem: 'shares the role aws_iam_role.role with aws_lambda_function.b, aws_lambda_function.c',
          fix,
        },
        {
          address: 'aws_lambda_function.b',
          problem: 'shares the role aws_iam_role.role with aws_lambda_function.a, aws_lambda_function.c',
          fix,
        },
        {
          address: 'aws_lambda_function.c',
          problem: 'shares the role aws_iam_role.role with aws_lambda_function.a, aws_lambda_function.b',
          fix,
        },
      ]);
    });
  });

  describe('PLAT-LAMBDA-4 FunctionTracing', () => {
    it('shows the mode that is set', () => {
      const json = {
        resource: { aws_lambda_function: { fn: lambda({ tracing_config: { mode: 'PassThrough' } }) } },
      };

      expect(check(FunctionTracing, json)).toEqual([
        {
          address: 'aws_lambda_function.fn',
          problem: 'tracing_config.mode is "PassThrough"',
          fix: 'set tracing_config { mode = "Active" } and allow xray:PutTraceSegments/PutTelemetryRecords (ServiceFunction does both)',
        },
      ]);
    });
  });

  describe('PLAT-SQS-1 ConsumedQueueDeadLetter', () => {
    it('names the external queue, and the queue without a dead-letter queue', () => {
      expect(
        check(
          ConsumedQueueDeadLetter,
          consumer({ event_source_arn: 'arn:aws:sqs:eu-west-1:111111111111:other' }),
        ),
      ).toEqual([
        {
          address: 'aws_lambda_event_source_mapping.m',
          problem:
            'consumes arn:aws:sqs:eu-west-1:111111111111:other, a queue outside this stack, whose DLQ cannot be checked',
          fix: 'consume a queue of this stack (SqsConsumer), or suppress with the reason the external queue is safe',
        },
      ]);
      expect(check(ConsumedQueueDeadLetter, consumer({}, { redrive_policy: 'not json' }))).toEqual([
        {
          address: 'aws_sqs_queue.queue',
          problem:
            'is consumed by aws_lambda_event_source_mapping.m but has no redrive policy (dead-letter queue)',
          fix: 'set redrive_policy with deadLetterTargetArn and maxReceiveCount (SqsConsumer does, maxReceiveCount 5)',
        },
      ]);
    });

    it("does not count another queue's separate redrive policy", () => {
      const json = consumer({});
      const redrive = JSON.stringify({
        deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:1:dlq',
        maxReceiveCount: 5,
      });
      const withOther = {
        resource: {
          ...json.resource,
          aws_sqs_queue: { ...json.resource!.aws_sqs_queue, other: { name: 'other' } },
          aws_sqs_queue_redrive_policy: {
            r: { queue_url: '${aws_sqs_queue.other.url}', redrive_policy: redrive },
          },
        },
      };

      expect(check(ConsumedQueueDeadLetter, withOther)).toEqual([
        expect.objectContaining({ address: 'aws_sqs_queue.queue' }),
      ]);
    });

    it('ignores event source mappings of other sources than SQS', () => {
      const json = consumer({ event_source_arn: '${aws_dynamodb_table.t.stream_arn}' });

      expect(check(ConsumedQueueDeadLetter, json)).toEqual([]);
    });
  });

  describe('PLAT-SQS-2 ConsumedQueueVisibility', () => {
    it.each([['orders-dev-fn'], ['arn:aws:lambda:eu-west-1:111111111111:function:orders-dev-fn']])(
      'finds the consumer by its name or ARN (%s), and adds the batching window to the fix',
      (functionName) => {
        const json = consumer(
          { function_name: functionName, maximum_batching_window_in_seconds: 5 },
          { visibility_timeout_seconds: 59 },
        );

        expect(check(ConsumedQueueVisibility, json)).toEqual([
          {
            address: 'aws_sqs_queue.queue',
            problem:
              'visibility_timeout_seconds 59 is less than 6 x the timeout (10s) of its consumer aws_lambda_function.fn',
            fix: 'set visibility_timeout_seconds to at least 65 (SqsConsumer computes it)',
          },
        ]);
      },
    );
  });

  describe('PLAT-SQS-3 QueueEncryption and PLAT-LOGS-1 LogGroupRetention', () => {
    it('say what is missing and how to set it', () => {
      const json = {
        resource: {
          aws_sqs_queue: { q: { name: 'q' } },
          aws_cloudwatch_log_group: { logs: { name: 'l', retention_in_days: 0 } },
        },
      };

      expect(check(QueueEncryption, json)).toEqual([
        {
          address: 'aws_sqs_queue.q',
          problem: 'has neither sqs_managed_sse_enabled = true nor kms_master_key_id',
          fix: 'set sqs_managed_sse_enabled = true (SQS-managed keys), or kms_master_key_id for a customer key',
        },
      ]);
      expect(check(LogGroupRetention, json)).toEqual([
        {
          address: 'aws_cloudwatch_log_group.logs',
          problem: 'retention_in_days is 0 (logs kept forever)',
          fix: 'set retention_in_days (the platform default is 30)',
        },
      ]);
    });
  });

  describe('PLAT-LOGS-2 LogGroupEncryption', () => {
    const group = (kmsKeyId: unknown) => ({
      resource: { aws_cloudwatch_log_group: { logs: { name: 'l', kms_key_id: kmsKeyId } } },
    });

    it('passes no key (null or empty: CloudWatch-managed encryption)', () => {
      expect(check(LogGroupEncryption, group(null))).toEqual([]);
      expect(check(LogGroupEncryption, group(''))).toEqual([]);
    });

    it('shows the key that is not an ARN and how to fix it', () => {
      expect(check(LogGroupEncryption, group('alias/logs'))).toEqual([
        {
          address: 'aws_cloudwatch_log_group.logs',
          problem: 'kms_key_id "alias/logs" is not a KMS key ARN',
          fix: 'use the key ARN (arn:aws:kms:<region>:<account>:key/<id>) or a reference to an aws_kms_key, or remove kms_key_id for CloudWatch-managed encryption',
        },
      ]);
    });
  });

  describe('PLAT-STATE-1 EncryptedUniqueBackend', () => {
    const backend = (s3?: Record<string, unknown>): TerraformJson => ({
      terraform: s3 ? { backend: { s3 } } : {},
    });

    it('says what the backend lacks and how to fix it', () => {
      expect(check(EncryptedUniqueBackend, backend())).toEqual([
        {
          address: 'terraform.backend',
          problem: 'has no S3 backend (state would be local)',
          fix: 'extend ServiceStack, which configures the S3 backend of the account',
        },
      ]);
      expect(
        check(EncryptedUniqueBackend, backend({ bucket: 'b', key: 'k' }), {
          stateKey: 'orders/dev/terraform.tfstate',
        }),
      ).toEqual([
        {
          address: 'terraform.backend',
          problem: 'S3 backend has encrypt != true',
          fix: 'set encrypt = true',
        },
        {
          address: 'terraform.backend',
          problem: 'S3 backend has no locking',
          fix: 'set use_lockfile = true (S3-native locking)',
        },
        {
          address: 'terraform.backend',
          problem: 'state key "k" is not the stack\'s key orders/dev/terraform.tfstate',
          fix: 'use "orders/dev/terraform.tfstate"',
        },
      ]);
    });

    it('passes the first stack on a key and names it to the second', () => {
      const stateKeys = new Map<string, string>();
      const s3 = backend({
        bucket: 'b',
        key: 'orders/dev/terraform.tfstate',
        encrypt: true,
        use_lockfile: true,
      });

      expect(check(EncryptedUniqueBackend, s3, {}, stateKeys)).toEqual([]);
      expect(
        EncryptedUniqueBackend.check({
          stack: 'payments-dev',
          view: new StackView(s3),
          expected: {},
          stateKeys,
        }),
      ).toEqual([
        {
          address: 'terraform.backend',
          problem: 'state b/orders/dev/terraform.tfstate is also used by stack orders-dev',
          fix: 'give every stack its own key: <service>/<environment>/terraform.tfstate',
        },
      ]);
    });
  });

  describe('PLAT-PROVIDER-1 ProviderPinnedToAccount', () => {
    it('addresses each provider by alias or position, and names the account to pin', () => {
      const json: TerraformJson = {
        provider: {
          aws: [
            { region: 'eu-west-1', allowed_account_ids: ['111111111111'] },
            { region: 'us-east-1' },
            {
              region: 'eu-central-1',
              alias: 'frankfurt',
              allowed_account_ids: ['111111111111', '222222222222'],
            },
          ],
        },
      };

      expect(check(ProviderPinnedToAccount, json)).toEqual([
        {
          address: 'provider.aws[1]',
          problem: 'has no allowed_account_ids',
          fix: 'set allowed_account_ids = ["<account id>"]',
        },
      ]);
      expect(check(ProviderPinnedToAccount, json, { accountId: '111111111111' })).toEqual([
        {
          address: 'provider.aws[1]',
          problem: 'has no allowed_account_ids',
          fix: 'set allowed_account_ids = ["111111111111"]',
        },
        {
          address: 'provider.aws.frankfurt',
          problem:
            'allowed_account_ids ["111111111111","222222222222"] is not exactly the stack account 111111111111',
          fix: 'set allowed_account_ids = ["111111111111"]',
        },
      ]);
    });
  });

  describe('PLAT-API-1 AuthorizedRoutes', () => {
    it('names the route and the ways to authorize it', () => {
      const json = { resource: { aws_apigatewayv2_route: { r: { route_key: 'GET /orders' } } } };

      expect(check(AuthorizedRoutes, json)).toEqual([
        {
          address: 'aws_apigatewayv2_route.r',
          problem: 'route "GET /orders" has authorization_type NONE',
          fix: "use AWS_IAM (the HttpApi default) or a JWT authorizer; for a deliberately public route pass { authorization: 'NONE', publicReason: '...' }",
        },
      ]);
    });
  });
});
