import { join } from 'node:path';
import { Testing } from 'cdktf';
import { ServiceFunction } from '../../src/ServiceFunction';
import { policy, resourceWith, resourcesOf, synthJson, testFunction, testStack } from '../helpers';

const FN = { tfResourceType: 'aws_lambda_function' };

describe('Class: ServiceFunction', () => {
  describe('defaults', () => {
    const stack = testStack();
    testFunction(stack, 'create-order');
    const synthesized = Testing.synth(stack);
    const json = JSON.parse(synthesized);

    it('runs Node.js 22 on arm64 with explicit memory and timeout, tracing and published versions', () => {
      expect(synthesized).toHaveResourceWithProperties(FN, {
        function_name: 'orders-dev-create-order',
        runtime: 'nodejs22.x',
        architectures: ['arm64'],
        handler: 'index.handler',
        memory_size: 256,
        timeout: 10,
        publish: true,
        tracing_config: { mode: 'Active' },
      });
    });

    it('logs JSON into a log group it owns, kept 30 days, and lets every level through to the logger', () => {
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_cloudwatch_log_group' },
        { name: '/aws/lambda/orders-dev-create-order', retention_in_days: 30 },
      );
      const fn = resourcesOf(json, 'aws_lambda_function')[0];
      expect(fn.logging_config).toEqual({
        log_format: 'JSON',
        log_group: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.create-order_logs_\w+\.name\}$/),
        // The logger filters (LOG_LEVEL, then the settings): Lambda must not drop a sampled DEBUG line.
        application_log_level: 'TRACE',
        system_log_level: 'INFO',
      });
    });

    it('sets only non-secret configuration in its environment', () => {
      const fn = resourcesOf(json, 'aws_lambda_function')[0];
      expect(fn.environment.variables).toEqual({
        SERVICE: 'orders',
        ENVIRONMENT: 'dev',
        SETTINGS_PATH: '/dev/orders/',
        LOG_LEVEL: 'INFO',
        POWERTOOLS_SERVICE_NAME: 'orders',
        NODE_OPTIONS: '--enable-source-maps',
      });
    });

    it('has a role of its own that only Lambda assumes, with basic execution rights on its own log group', () => {
      const role = resourceWith(json, 'aws_iam_role', (r) => r.name === 'orders-dev-create-order');
      expect(policy(role.assume_role_policy).Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
      const basic = resourceWith(json, 'aws_iam_role_policy', (p) => p.name === 'basic-execution');
      expect(policy(basic.policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: 'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/orders-dev-create-order:*',
        },
        { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      ]);
    });

    it('points the live alias at the published version', () => {
      expect(synthesized).toHaveResourceWithProperties(
        { tfResourceType: 'aws_lambda_alias' },
        { name: 'live', function_version: '${aws_lambda_function.create-order_function_95436FFF.version}' },
      );
    });

    it('has no concurrency settings unless asked', () => {
      expect(resourcesOf(json, 'aws_lambda_function')[0].reserved_concurrent_executions).toBeUndefined();
      expect(resourcesOf(json, 'aws_lambda_provisioned_concurrency_config')).toEqual([]);
    });
  });

  it('applies memory, timeout, retention, log level, reserved and provisioned (on the alias) concurrency', () => {
    const stack = testStack();
    testFunction(stack, 'fn', {
      memorySize: 1024,
      timeout: 60,
      logRetentionDays: 90,
      logLevel: 'DEBUG',
      reservedConcurrency: 10,
      provisionedConcurrency: 2,
    });
    const synthesized = Testing.synth(stack);

    expect(synthesized).toHaveResourceWithProperties(FN, {
      memory_size: 1024,
      timeout: 60,
      reserved_concurrent_executions: 10,
    });
    // Nested blocks and variable names by hand: the cdktf matcher compares nested objects whole and snake_cases keys.
    const fn = resourcesOf(JSON.parse(synthesized), 'aws_lambda_function')[0];
    expect(fn.logging_config.application_log_level).toBe('TRACE');
    expect(fn.environment.variables.LOG_LEVEL).toBe('DEBUG');
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_cloudwatch_log_group' },
      { retention_in_days: 90 },
    );
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lambda_provisioned_concurrency_config' },
      {
        qualifier: expect.stringMatching(/^\$\{aws_lambda_alias\.fn_live_\w+\.name\}$/),
        provisioned_concurrent_executions: 2,
      },
    );
  });

  it('adds environment variables given in props and later', () => {
    const stack = testStack();
    const fn = testFunction(stack, 'fn', { environment: { TABLE: 'orders' } });
    fn.addEnvironment('QUEUE_URL', 'https://sqs.eu-west-1.amazonaws.com/111111111111/q');

    expect(resourcesOf(synthJson(stack), 'aws_lambda_function')[0].environment.variables).toMatchObject({
      TABLE: 'orders',
      QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/q',
    });
  });

  it('refuses to set an environment variable twice', () => {
    const fn = testFunction(testStack(), 'fn', { environment: { TABLE: 'orders' } });

    expect(() => fn.addEnvironment('TABLE', 'other')).toThrow(
      'Function "fn": environment variable TABLE is already set. Set each variable once.',
    );
  });

  describe('grants', () => {
    const declaration = {
      parameters: [
        { name: 'tableName', secure: false, default: 'orders' },
        { name: 'signingKey', secure: true },
      ],
      secrets: ['orders/api-key'],
    };

    it('grantSend allows sqs:SendMessage on exactly that queue', () => {
      const stack = testStack();
      const fn = testFunction(stack, 'fn');
      fn.grantSend({ queueArn: 'arn:aws:sqs:eu-west-1:111111111111:orders-dev-out', node: { id: 'out' } });
      fn.grantSend({ queueArn: 'arn:aws:sqs:eu-west-1:111111111111:orders-dev-out', node: { id: 'out' } });

      const json = synthJson(stack);
      const send = resourcesOf(json, 'aws_iam_role_policy').filter((p) => p.name === 'send-out');
      expect(send).toHaveLength(1);
      expect(policy(send[0].policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: 'arn:aws:sqs:eu-west-1:111111111111:orders-dev-out',
        },
      ]);
    });

    it('grantSettings allows reads on /<env>/<service>/ only, KMS decrypt through SSM for that path, and the declared secrets', () => {
      const stack = testStack();
      testFunction(stack, 'fn').grantSettings(declaration);

      const read = resourceWith(synthJson(stack), 'aws_iam_role_policy', (p) => p.name === 'read-settings');
      expect(policy(read.policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 'ssm:GetParametersByPath',
          Resource: [
            'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders',
            'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/*',
          ],
        },
        {
          Effect: 'Allow',
          Action: ['ssm:GetParameter', 'ssm:GetParameters'],
          Resource: 'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/*',
        },
        {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
          Condition: {
            StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' },
            StringLike: {
              'kms:EncryptionContext:PARAMETER_ARN':
                'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/*',
            },
          },
        },
        {
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders/api-key-??????',
        },
      ]);
    });

    it("grantSettings with access 'parameters' allows exactly the declared parameters, and no KMS without secure ones", () => {
      const stack = testStack();
      testFunction(stack, 'fn').grantSettings(
        {
          parameters: [
            { name: 'tableName', secure: false },
            { name: 'db/host', secure: false },
          ],
          secrets: [],
        },
        { access: 'parameters' },
      );

      const read = resourceWith(synthJson(stack), 'aws_iam_role_policy', (p) => p.name === 'read-settings');
      expect(policy(read.policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Action: ['ssm:GetParameter', 'ssm:GetParameters'],
          Resource: [
            'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/tableName',
            'arn:aws:ssm:eu-west-1:111111111111:parameter/dev/orders/db/host',
          ],
        },
      ]);
    });

    it('grantSecret allows GetSecretValue on that secret only', () => {
      const stack = testStack();
      testFunction(stack, 'fn').grantSecret('orders/webhook');

      const read = resourceWith(
        synthJson(stack),
        'aws_iam_role_policy',
        (p) => p.name === 'read-secret-orders-webhook',
      );
      expect(policy(read.policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders/webhook-??????',
        },
      ]);
    });

    it('rejects a secure parameter with a default, a bad name, and a second grantSettings', () => {
      const fn = testFunction(testStack(), 'fn');

      expect(() =>
        fn.grantSettings({ parameters: [{ name: 'key', secure: true, default: 'x' }], secrets: [] }),
      ).toThrow(
        /Function "fn" grantSettings\(\): parameter "key" is secure and has a default.*Remove the default/,
      );
      expect(() =>
        fn.grantSettings({ parameters: [{ name: '/dev/orders/x', secure: false }], secrets: [] }),
      ).toThrow(/parameter name "\/dev\/orders\/x" is invalid. Use a name relative to the settings path/);
      expect(() => fn.grantSecret('bad secret')).toThrow(/secret name "bad secret" is invalid/);
      fn.grantSettings(declaration);
      expect(() => fn.grantSettings(declaration)).toThrow(
        /grantSettings\(\) was already called. Call it once/,
      );
    });
  });

  describe('bad input', () => {
    it.each([
      [
        { memorySize: 64 },
        /Function "fn": memorySize 64 is out of range. AWS allows 128–10240 MB; set memorySize within that range/,
      ],
      [{ timeout: 901 }, /Function "fn": timeout 901 is out of range. AWS allows 1–900 seconds/],
      [{ timeout: 1.5 }, /Function "fn": timeout 1.5 is not a whole number/],
      [
        { logRetentionDays: 31 as 30 },
        /Function "fn": logRetentionDays 31 is not allowed. Use one of: 1, 3, 5, 7, 14, 30/,
      ],
      [
        { logLevel: 'LOUD' as 'INFO' },
        /logLevel "LOUD" is not allowed. Use one of: TRACE, DEBUG, INFO, WARN, ERROR/,
      ],
      [{ reservedConcurrency: -1 }, /reservedConcurrency -1 is out of range/],
      [
        { reservedConcurrency: 2, provisionedConcurrency: 3 },
        /provisionedConcurrency 3 is above reservedConcurrency 2; Lambda rejects it/,
      ],
      [
        { environment: { SETTINGS_PATH: '/x/' } },
        /environment variable SETTINGS_PATH cannot be set: the platform sets it/,
      ],
      [
        { environment: { LOG_LEVEL: 'DEBUG' } },
        /environment variable LOG_LEVEL cannot be set: it is set from the logLevel prop/,
      ],
      [
        { environment: { AWS_REGION: 'us-east-1' } },
        /environment variable AWS_REGION cannot be set: the Lambda runtime reserves it/,
      ],
      [{ environment: { 'my-var': 'x' } }, /environment variable name "my-var" is invalid/],
    ])('rejects %j', (props, message) => {
      expect(() => testFunction(testStack(), 'fn', props)).toThrow(message);
    });

    it('rejects a name too long for Lambda and IAM once the prefix is added', () => {
      const id = 'a'.repeat(54);
      expect(() => testFunction(testStack(), id)).toThrow(
        new RegExp(
          `Function "${id}": the Lambda function \\(and IAM role\\) name "orders-dev-a+" is 65 characters; AWS allows at most 64 once the "orders-dev-" prefix is added. Shorten the id by 1 character`,
        ),
      );
    });

    it('rejects a duplicate id, naming the scope and the fix', () => {
      const stack = testStack();
      testFunction(stack, 'fn');
      expect(() => testFunction(stack, 'fn')).toThrow(
        /Function "fn": id "fn" is already used in orders-dev by a ServiceFunction. .*choose another id/,
      );
    });

    it('rejects an id that is not kebab-case', () => {
      expect(() => testFunction(testStack(), 'createOrder')).toThrow(
        /id "createOrder" is not lowercase kebab-case/,
      );
    });

    it('says how to build a missing bundle', () => {
      const stack = testStack({ artifactsDir: join(__dirname, 'no-bundles') });
      expect(() => new ServiceFunction(stack, 'fn')).toThrow(
        /Function "fn": bundle not found at .*fn.zip. Build it first with "npx nx run orders:build"/,
      );
    });

    it('rejects a variable set twice', () => {
      const fn = testFunction(testStack(), 'fn', { environment: { TABLE: 'a' } });
      expect(() => fn.addEnvironment('TABLE', 'b')).toThrow(/environment variable TABLE is already set/);
    });
  });
});
