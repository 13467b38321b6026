import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionEnvironment, wiredByStack } from '../dev/functionEnvironment';
import type { LocalCloud } from '../dev/localCloud';
import { loadStacks } from '../dev/loadStacks';
import { LogStream } from '../dev/logStream';
import { readStack } from '../dev/readStack';
import { resolveValue } from '../dev/resolveValue';

/* How npm run dev reads the synthesized stacks: the model of one stack, which stacks run, and the
 * environment each function gets. Nothing is started here; dev-cloud and dev test the servers. */
const dir = mkdtempSync(join(tmpdir(), 'dev-stack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A stack as cdktf writes it: references between resources are Terraform expressions.
const stackJson = {
  provider: { aws: [{ region: 'eu-central-1', allowed_account_ids: ['111111111111'] }] },
  resource: {
    aws_lambda_function: {
      fn_handle_1: {
        filename: 'assets/handle_code/ABC/handle-things.zip',
        function_name: 'svc-dev-handle-things',
        timeout: 20,
        memory_size: 512,
        environment: { variables: { QUEUE_URL: '${aws_sqs_queue.out_q_2.url}', PLAIN: 'x' } },
        logging_config: { log_format: 'JSON', application_log_level: 'WARN' },
      },
    },
    aws_lambda_alias: {
      fn_live_3: { name: 'live', function_name: '${aws_lambda_function.fn_handle_1.function_name}' },
    },
    aws_sqs_queue: {
      in_dlq_4: { name: 'svc-dev-in-dlq.fifo', fifo_queue: true },
      in_q_5: {
        name: 'svc-dev-in.fifo',
        fifo_queue: true,
        content_based_deduplication: true,
        visibility_timeout_seconds: 120,
        redrive_policy: '{"deadLetterTargetArn":"${aws_sqs_queue.in_dlq_4.arn}","maxReceiveCount":3}',
      },
      out_q_2: { name: 'svc-dev-out' },
    },
    aws_lambda_event_source_mapping: {
      map_6: {
        event_source_arn: '${aws_sqs_queue.in_q_5.arn}',
        function_name: '${aws_lambda_alias.fn_live_3.arn}',
        batch_size: 5,
        maximum_batching_window_in_seconds: 2,
        scaling_config: { maximum_concurrency: 3 },
        function_response_types: ['ReportBatchItemFailures'],
      },
    },
    aws_apigatewayv2_api: { api_7: { name: 'svc-dev-api', protocol_type: 'HTTP' } },
    aws_apigatewayv2_integration: {
      int_8: {
        api_id: '${aws_apigatewayv2_api.api_7.id}',
        integration_uri: '${aws_lambda_alias.fn_live_3.arn}',
      },
    },
    aws_apigatewayv2_route: {
      route_9: {
        api_id: '${aws_apigatewayv2_api.api_7.id}',
        route_key: 'GET /things/{id}',
        authorization_type: 'AWS_IAM',
        target: 'integrations/${aws_apigatewayv2_integration.int_8.id}',
      },
    },
    aws_scheduler_schedule: {
      sched_10: {
        name: 'svc-dev-nightly',
        schedule_expression: 'cron(0 2 * * ? *)',
        schedule_expression_timezone: 'Europe/Paris',
        state: 'DISABLED',
        target: { arn: '${aws_lambda_alias.fn_live_3.arn}', input: '{"mode":"full"}' },
      },
    },
    aws_dynamodb_table: {
      table_11: {
        name: 'svc-dev-things',
        hash_key: 'pk',
        range_key: 'sk',
        attribute: [
          { name: 'pk', type: 'S' },
          { name: 'sk', type: 'N' },
        ],
      },
    },
    aws_lambda_function_event_invoke_config: {
      async_12: {
        function_name: '${aws_lambda_function.fn_handle_1.function_name}',
        maximum_retry_attempts: 1,
        destination_config: { on_failure: { destination: '${aws_sqs_queue.out_q_2.arn}' } },
      },
    },
  },
};

// Written once, read by several describe blocks.
const stackFile = join(dir, 'svc-dev', 'cdk.tf.json');
mkdirSync(join(dir, 'svc-dev'));
writeFileSync(stackFile, JSON.stringify(stackJson));

describe('Function: readStack', () => {
  const file = stackFile;

  it('reads the functions by handler name, with their variables and logging as synthesized', () => {
    const stack = readStack(file, 'svc');
    expect(stack).toMatchObject({
      service: 'svc',
      stack: 'svc-dev',
      region: 'eu-central-1',
      accountId: '111111111111',
    });
    expect(stack.functions).toEqual([
      {
        address: 'aws_lambda_function.fn_handle_1',
        service: 'svc',
        id: 'handle-things',
        name: 'svc-dev-handle-things',
        timeoutSeconds: 20,
        memorySize: 512,
        variables: { QUEUE_URL: '${aws_sqs_queue.out_q_2.url}', PLAIN: 'x' },
        logLevel: 'WARN',
        logFormat: 'JSON',
        reservedConcurrency: undefined,
      },
    ]);
  });

  it('follows routes, mappings and schedules through the alias to the function', () => {
    const stack = readStack(file, 'svc');
    expect(stack.apis).toEqual([
      {
        address: 'aws_apigatewayv2_api.api_7',
        name: 'svc-dev-api',
        routes: [{ routeKey: 'GET /things/{id}', authorization: 'AWS_IAM', functionId: 'handle-things' }],
      },
    ]);
    expect(stack.mappings).toEqual([
      {
        address: 'aws_lambda_event_source_mapping.map_6',
        queueAddress: 'aws_sqs_queue.in_q_5',
        functionId: 'handle-things',
        batchSize: 5,
        batchingWindowSeconds: 2,
        maxConcurrency: 3,
        reportBatchItemFailures: true,
        enabled: true,
      },
    ]);
    expect(stack.schedules).toEqual([
      {
        address: 'aws_scheduler_schedule.sched_10',
        name: 'svc-dev-nightly',
        expression: 'cron(0 2 * * ? *)',
        timezone: 'Europe/Paris',
        enabled: false,
        functionId: 'handle-things',
        input: '{"mode":"full"}',
      },
    ]);
    expect(stack.asyncConfigs).toEqual({
      'handle-things': { maxRetries: 1, onFailure: '${aws_sqs_queue.out_q_2.arn}' },
    });
  });

  it('reads queues with their redrive policy, and tables with their keys', () => {
    const stack = readStack(file, 'svc');
    expect(stack.queues.find((q) => q.name === 'svc-dev-in.fifo')).toEqual({
      address: 'aws_sqs_queue.in_q_5',
      name: 'svc-dev-in.fifo',
      fifo: true,
      contentBasedDeduplication: true,
      visibilityTimeoutSeconds: 120,
      redrive: { deadLetterAddress: 'aws_sqs_queue.in_dlq_4', maxReceiveCount: 3 },
    });
    expect(stack.tables).toEqual([
      {
        address: 'aws_dynamodb_table.table_11',
        name: 'svc-dev-things',
        keys: [
          { name: 'pk', type: 'HASH' },
          { name: 'sk', type: 'RANGE' },
        ],
        attributes: [
          { name: 'pk', type: 'S' },
          { name: 'sk', type: 'N' },
        ],
      },
    ]);
  });
});

describe('Function: loadStacks', () => {
  const root = join(dir, 'workspace');
  const log = new LogStream(() => undefined);
  // a sends to b's queue by its deployed URL (links between services are literals from the topology).
  const stacks: Record<string, object> = {
    a: {
      resource: {
        aws_lambda_function: {
          f: {
            filename: 'assets/x/send.zip',
            function_name: 'a-dev-send',
            environment: {
              variables: { TARGET: 'https://sqs.eu-west-1.amazonaws.com/222222222222/b-dev-inbox' },
            },
          },
        },
      },
    },
    b: { resource: { aws_sqs_queue: { q: { name: 'b-dev-inbox' } } } },
    c: { resource: { aws_sqs_queue: { q: { name: 'c-dev-other' } } } },
  };
  beforeAll(() => {
    for (const [service, json] of Object.entries(stacks)) {
      mkdirSync(join(root, 'apps', service, 'src', 'handlers'), { recursive: true });
      mkdirSync(join(root, 'cdktf.out', 'stacks', `${service}-dev`), { recursive: true });
      writeFileSync(join(root, 'cdktf.out', 'stacks', `${service}-dev`, 'cdk.tf.json'), JSON.stringify(json));
    }
  });

  it('adds the services a selected one talks to, and only those', () => {
    const loaded = loadStacks({ root, environment: 'dev', services: ['a'], log });
    expect(loaded.map((s) => s.stack)).toEqual(['a-dev', 'b-dev']);
  });

  it('runs every service when none is named', () => {
    const loaded = loadStacks({ root, environment: 'dev', services: [], log });
    expect(loaded.map((s) => s.stack)).toEqual(['a-dev', 'b-dev', 'c-dev']);
  });

  it('stops when no service is named and they have more functions than one machine runs well', () => {
    // The fixture's 3 services have 1 function; a limit of 0 stands in for 40.
    expect(() => loadStacks({ root, environment: 'dev', services: [], log, maxFunctions: 0 })).toThrow(
      'npm run dev with no service named runs every service: 3 services with 1 functions here, more than 0, ' +
        'and each function gets its own esbuild context and process (about 120 MB each). Name the services you ' +
        'work on, dev adds the ones they talk to: npm run dev -- <service> [<service>...]. To run them all ' +
        'anyway: npm run dev -- --all.',
    );
    // Named services, or --all, run whatever the count.
    expect(
      loadStacks({ root, environment: 'dev', services: ['a'], log, maxFunctions: 0 }).map((s) => s.stack),
    ).toEqual(['a-dev', 'b-dev']);
    expect(
      loadStacks({ root, environment: 'dev', services: [], log, maxFunctions: 0, all: true }).map(
        (s) => s.stack,
      ),
    ).toEqual(['a-dev', 'b-dev', 'c-dev']);
  });

  it('says when a stack source changed after the synth', () => {
    const lines: string[] = [];
    mkdirSync(join(root, 'stacks', 'a', 'src'), { recursive: true });
    writeFileSync(join(root, 'stacks', 'a', 'src', 'stack.ts'), '// edited');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'stacks', 'a', 'src', 'stack.ts'), later, later);

    loadStacks({ root, environment: 'dev', services: ['a'], log: new LogStream((line) => lines.push(line)) });

    expect(lines).toEqual([
      '[dev] stacks/a/src/stack.ts changed after cdktf.out/stacks/a-dev/cdk.tf.json was synthesized: ' +
        'run npm run synth and start npm run dev again to run the change',
    ]);
  });

  it('refuses an unknown service, listing the known ones', () => {
    expect(() => loadStacks({ root, environment: 'dev', services: ['payments'], log })).toThrow(
      'Unknown service "payments". Services with a stack: a, b, c.',
    );
  });
});

describe('Function: resolveValue', () => {
  const stack = readStack(stackFile, 'svc');
  const local = 'http://sqs.eu-west-1.127.0.0.1:9324/000000000000/svc-dev-out';
  const cloud = {
    queues: new Map([
      [
        'svc-dev/aws_sqs_queue.out_q_2',
        {
          model: stack.queues.find((q) => q.name === 'svc-dev-out')!,
          url: local,
          arn: 'arn:aws:sqs:eu-west-1:000000000000:svc-dev-out',
        },
      ],
    ]),
    tables: new Map(),
    topics: new Map(),
  } as unknown as LocalCloud;

  it('turns references and deployed URLs and ARNs into the local resource', () => {
    expect(resolveValue(stack, '${aws_sqs_queue.out_q_2.url}', cloud)).toEqual({
      value: local,
      unresolved: [],
    });
    expect(resolveValue(stack, '${aws_lambda_function.fn_handle_1.function_name}', cloud).value).toBe(
      'svc-dev-handle-things',
    );
    expect(
      resolveValue(stack, 'https://sqs.eu-west-1.amazonaws.com/111111111111/svc-dev-out', cloud).value,
    ).toBe(local);
    expect(resolveValue(stack, 'arn:aws:sqs:eu-west-1:111111111111:svc-dev-out', cloud).value).toBe(
      'arn:aws:sqs:eu-west-1:000000000000:svc-dev-out',
    );
  });

  it('keeps what has no local stand-in, and says so', () => {
    expect(resolveValue(stack, 'id-${aws_kms_key.k.id}', cloud)).toEqual({
      value: 'id-${aws_kms_key.k.id}',
      unresolved: ['${aws_kms_key.k.id}'],
    });
  });
});

describe('Function: functionEnvironment', () => {
  const stack = readStack(stackFile, 'svc');
  const cloud = {
    sqsEndpoint: 'http://127.0.0.1:9324',
    dynamodbEndpoint: 'http://127.0.0.1:8000',
    queues: new Map([
      [
        'svc-dev/aws_sqs_queue.out_q_2',
        {
          model: stack.queues.find((q) => q.name === 'svc-dev-out')!,
          url: 'http://q/svc-dev-out',
          arn: 'arn:q',
        },
      ],
    ]),
    tables: new Map(),
    topics: new Map(),
  } as unknown as LocalCloud;

  it("gives the stack's variables resolved, what Lambda sets, loopback endpoints, then local.json", () => {
    const { environment, unresolved } = functionEnvironment(stack, stack.functions[0]!, cloud, {
      settingsFile: '/work/settings.json',
      environment: { PLAIN: 'from local.json', PRICING_URL: 'http://127.0.0.1:4567' },
    });

    expect(unresolved).toEqual([]);
    expect(environment).toEqual({
      QUEUE_URL: 'http://q/svc-dev-out',
      PLAIN: 'from local.json',
      PRICING_URL: 'http://127.0.0.1:4567',
      AWS_LAMBDA_FUNCTION_NAME: 'svc-dev-handle-things',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/svc-dev-handle-things',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_FORMAT: 'JSON',
      AWS_LAMBDA_LOG_LEVEL: 'WARN',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_REGION: 'eu-central-1',
      AWS_DEFAULT_REGION: 'eu-central-1',
      TZ: ':UTC',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324',
      AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:9324',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      SETTINGS_PROVIDER: 'local',
      SETTINGS_FILE: '/work/settings.json',
      SETTINGS_ALLOW_LOCAL: 'true',
    });
  });

  it("leaves local.json's queues and tables to the stack where it wires the same variable", () => {
    const config = { environment: { QUEUE_URL: 'sqs:out', EXTRA_QUEUE: 'sqs:extra', PLAIN: 'x' } };
    expect([...wiredByStack(stack, config)]).toEqual(['QUEUE_URL']);
  });
});
