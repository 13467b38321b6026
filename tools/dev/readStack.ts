import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  ApiModel,
  AsyncConfigModel,
  FunctionModel,
  MappingModel,
  QueueModel,
  ScheduleModel,
  StackModel,
  SubscriptionModel,
  TableModel,
  TopicModel,
} from './types';

type Resource = Record<string, unknown>;
type Resources = Record<string, Record<string, Resource>>;

/** `${aws_sqs_queue.orders_queue_A1AAE4D8.url}` -> address and attribute; literals -> undefined. */
export function parseReference(value: string): { address: string; attribute: string } | undefined {
  const match = /^\$\{([a-z0-9_]+\.[\w-]+)\.([\w.]+)\}$/.exec(value.trim());
  return match ? { address: match[1]!, attribute: match[2]! } : undefined;
}

/**
 * The wiring of one synthesized stack: functions, routes, queues and their mappings, schedules,
 * tables, topics. Read from cdk.tf.json, so local runs use what will be deployed.
 */
export function readStack(file: string, service: string): StackModel {
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    resource?: Resources;
    provider?: { aws?: { region?: string; allowed_account_ids?: string[] }[] };
  };
  const resources = json.resource ?? {};
  const all = (type: string) =>
    Object.entries(resources[type] ?? {}).map(([name, body]) => ({ address: `${type}.${name}`, body }));
  const provider = json.provider?.aws?.[0];

  const functions: FunctionModel[] = all('aws_lambda_function').map(({ address, body }) => {
    const environment = body.environment as { variables?: Record<string, string> } | undefined;
    const logging = body.logging_config as Record<string, string> | undefined;
    return {
      address,
      service,
      // The zip is named after the handler (tools/bundle-functions.mjs): <id>.zip.
      id: basename(String(body.filename), '.zip'),
      name: String(body.function_name),
      timeoutSeconds: Number(body.timeout ?? 3),
      memorySize: Number(body.memory_size ?? 128),
      variables: { ...environment?.variables },
      logLevel: logging?.application_log_level,
      logFormat: logging?.log_format,
      reservedConcurrency: body.reserved_concurrent_executions as number | undefined,
    };
  });
  const functionId = functionResolver(resources, functions);

  const integrations = new Map(
    all('aws_apigatewayv2_integration').map(({ address, body }) => [address, body]),
  );
  const apis: ApiModel[] = all('aws_apigatewayv2_api').map(({ address, body }) => ({
    address,
    name: String(body.name),
    routes: all('aws_apigatewayv2_route')
      .filter((route) => parseReference(String(route.body.api_id))?.address === address)
      .flatMap(({ body: route }) => {
        const integration = /integrations\/(\$\{.+\})$/.exec(String(route.target ?? ''));
        const target = integration && parseReference(integration[1]!);
        const fn = target && functionId(String(integrations.get(target.address)?.integration_uri ?? ''));
        return fn
          ? [
              {
                routeKey: String(route.route_key),
                authorization: String(route.authorization_type ?? 'NONE'),
                functionId: fn,
              },
            ]
          : [];
      }),
  }));

  const queues: QueueModel[] = all('aws_sqs_queue').map(({ address, body }) => {
    const redrive = body.redrive_policy
      ? (JSON.parse(String(body.redrive_policy)) as { deadLetterTargetArn: string; maxReceiveCount: number })
      : undefined;
    const fifo = body.fifo_queue === true;
    return {
      address,
      name: String(body.name ?? `${address.split('.')[1]}${fifo ? '.fifo' : ''}`),
      fifo,
      contentBasedDeduplication: body.content_based_deduplication === true,
      visibilityTimeoutSeconds: Number(body.visibility_timeout_seconds ?? 30),
      redrive: redrive && {
        deadLetterAddress:
          parseReference(redrive.deadLetterTargetArn)?.address ?? redrive.deadLetterTargetArn,
        maxReceiveCount: Number(redrive.maxReceiveCount),
      },
    };
  });

  const mappings: MappingModel[] = all('aws_lambda_event_source_mapping').flatMap(({ address, body }) => {
    const queue = parseReference(String(body.event_source_arn ?? ''));
    const fn = functionId(String(body.function_name));
    if (!queue?.address.startsWith('aws_sqs_queue.') || !fn) return [];
    const scaling = body.scaling_config as { maximum_concurrency?: number } | undefined;
    return [
      {
        address,
        queueAddress: queue.address,
        functionId: fn,
        batchSize: Number(body.batch_size ?? 10),
        batchingWindowSeconds: Number(body.maximum_batching_window_in_seconds ?? 0),
        maxConcurrency: scaling?.maximum_concurrency,
        reportBatchItemFailures: ((body.function_response_types as string[]) ?? []).includes(
          'ReportBatchItemFailures',
        ),
        enabled: body.enabled !== false,
      },
    ];
  });

  const schedules: ScheduleModel[] = all('aws_scheduler_schedule').flatMap(({ address, body }) => {
    const target = body.target as { arn: string; input?: string };
    const fn = functionId(String(target?.arn ?? ''));
    if (!fn) return [];
    return [
      {
        address,
        name: String(body.name),
        expression: String(body.schedule_expression),
        timezone: String(body.schedule_expression_timezone ?? 'UTC'),
        enabled: body.state !== 'DISABLED',
        functionId: fn,
        input: target.input,
      },
    ];
  });

  const tables: TableModel[] = all('aws_dynamodb_table').map(({ address, body }) => ({
    address,
    name: String(body.name),
    keys: [
      { name: String(body.hash_key), type: 'HASH' as const },
      ...(body.range_key ? [{ name: String(body.range_key), type: 'RANGE' as const }] : []),
    ],
    attributes: (body.attribute as { name: string; type: 'S' | 'N' | 'B' }[]).map((a) => ({ ...a })),
  }));

  const topics: TopicModel[] = all('aws_sns_topic').map(({ address, body }) => ({
    address,
    name: String(body.name),
    fifo: body.fifo_topic === true,
  }));
  const subscriptions: SubscriptionModel[] = all('aws_sns_topic_subscription').map(({ address, body }) => ({
    address,
    topicAddress: parseReference(String(body.topic_arn))?.address ?? String(body.topic_arn),
    protocol: String(body.protocol),
    endpoint: String(body.endpoint),
    rawMessageDelivery: body.raw_message_delivery === true,
  }));

  const asyncConfigs: Record<string, AsyncConfigModel> = {};
  for (const { body } of all('aws_lambda_function_event_invoke_config')) {
    const fn = functionId(String(body.function_name));
    const destination = body.destination_config as { on_failure?: { destination?: string } } | undefined;
    if (fn)
      asyncConfigs[fn] = {
        maxRetries: Number(body.maximum_retry_attempts ?? 2),
        onFailure: destination?.on_failure?.destination,
      };
  }

  return {
    service,
    stack: basename(file.replace(/\/cdk\.tf\.json$/, '')),
    region: provider?.region ?? 'eu-west-1',
    accountId: provider?.allowed_account_ids?.[0] ?? '000000000000',
    functions,
    apis,
    queues,
    mappings,
    schedules,
    tables,
    topics,
    subscriptions,
    asyncConfigs,
  };
}

/** A function reference (function, alias, their ARN or name) -> the function's id. */
function functionResolver(resources: Resources, functions: FunctionModel[]) {
  const byAddress = new Map(functions.map((fn) => [fn.address, fn.id]));
  const byName = new Map(functions.map((fn) => [fn.name, fn.id]));
  return function resolve(value: string): string | undefined {
    const reference = parseReference(value);
    if (!reference) return byName.get(value.split(':').find((part) => byName.has(part)) ?? '');
    if (byAddress.has(reference.address)) return byAddress.get(reference.address);
    if (reference.address.startsWith('aws_lambda_alias.')) {
      const alias = resources.aws_lambda_alias?.[reference.address.split('.')[1]!];
      return alias ? resolve(String(alias.function_name)) : undefined;
    }
    return undefined;
  };
}
