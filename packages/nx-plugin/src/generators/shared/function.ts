import { createHash } from 'node:crypto';
import { generateFiles, joinPathFragments, type Tree } from '@nx/devkit';
import { declaresConst, appendToStackConstructor } from '../../utils/stack-source';
import {
  assertName,
  assertNamesFit,
  camelName,
  className,
  queueId,
  scheduleId,
  type Trigger,
} from '../../utils/names';

/** One function of a service, as both generators add it. */
export interface FunctionSpec {
  readonly service: string;
  readonly fn: string;
  readonly trigger: Trigger;
  /** http: the route key. @default `POST /<fn>` */
  readonly route?: string;
  /** schedule: an EventBridge Scheduler expression. @default `rate(1 hour)` */
  readonly schedule?: string;
}

export const appRoot = (service: string) => `apps/${service}`;
export const stackRoot = (service: string) => `stacks/${service}`;
export const stackFile = (service: string) => `${stackRoot(service)}/src/stack.ts`;
const handlerFile = (service: string, fn: string) => `${appRoot(service)}/src/handlers/${fn}.ts`;

/** Identifiers the stack template declares: a function must not shadow them. */
const RESERVED_FUNCTION_NAMES = new Set(['api', 'settings']);
const ROUTE = /^(GET|POST|PUT|PATCH|DELETE) (\/[A-Za-z0-9._~{}+-]*)+$/;
const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\)|at\(.+\))$/;

/** Checks a function before anything is written; `environments` are the topology's. */
export function validateFunction(tree: Tree, spec: FunctionSpec, environments: readonly string[]): void {
  assertName('function', spec.fn);
  if (RESERVED_FUNCTION_NAMES.has(spec.fn)) {
    throw new Error(
      `Function name "${spec.fn}" is reserved (the stack declares "${spec.fn}"). Pick another name, e.g. "${spec.fn}-handler".`,
    );
  }
  assertNamesFit(spec.service, spec.fn, spec.trigger, environments);
  if (tree.exists(handlerFile(spec.service, spec.fn))) {
    throw new Error(
      `Function "${spec.fn}" already exists in service "${spec.service}" (${handlerFile(spec.service, spec.fn)}). Pick another name.`,
    );
  }
  if (spec.route !== undefined && spec.trigger !== 'http') {
    throw new Error(`--route applies to --trigger http only (got --trigger ${spec.trigger}).`);
  }
  if (spec.schedule !== undefined && spec.trigger !== 'schedule') {
    throw new Error(`--schedule applies to --trigger schedule only (got --trigger ${spec.trigger}).`);
  }
  if (spec.route !== undefined && !ROUTE.test(spec.route)) {
    throw new Error(
      `Invalid --route "${spec.route}": use "<METHOD> /<path>", e.g. "POST /orders" or "GET /orders/{id}".`,
    );
  }
  if (spec.schedule !== undefined && !SCHEDULE.test(spec.schedule)) {
    throw new Error(
      `Invalid --schedule "${spec.schedule}": use an EventBridge Scheduler expression, e.g. "rate(1 hour)" or "cron(0 3 * * ? *)".`,
    );
  }
}

/** Writes the function's handler, domain module, tests and sample event, and wires it in the stack. */
export function addFunction(tree: Tree, spec: FunctionSpec): void {
  const route = spec.route ?? `POST /${spec.fn}`;
  generateFiles(
    tree,
    joinPathFragments(__dirname, '..', 'function', 'files', spec.trigger),
    appRoot(spec.service),
    {
      template: '',
      name: spec.service,
      fn: spec.fn,
      camel: camelName(spec.fn),
      className: className(spec.fn),
      route,
    },
  );
  tree.write(
    `${appRoot(spec.service)}/events/${spec.fn}.json`,
    `${JSON.stringify(sampleEvent(tree, spec, route), null, 2)}\n`,
  );
  wireFunction(tree, spec, route);
}

function wireFunction(tree: Tree, spec: FunctionSpec, route: string): void {
  const path = stackFile(spec.service);
  const variable = `${camelName(spec.fn)}Fn`;
  const lines = [
    `const ${variable} = new ServiceFunction(this, '${spec.fn}', ${functionProps(spec.trigger)});`,
    `${variable}.grantSettings(settings.declaration);`,
  ];
  const constructs = ['ServiceFunction'];
  if (spec.trigger === 'http') {
    if (!declaresConst(tree, path, 'api')) {
      lines.push(
        `// AWS_IAM on every route: callers sign their requests (zero trust).`,
        `const api = new HttpApi(this, 'api');`,
      );
      constructs.push('HttpApi');
    }
    lines.push(`api.addRoute('${route}', { function: ${variable} });`);
  } else if (spec.trigger === 'sqs') {
    lines.push(
      `// A queue with a DLQ (after 5 receives), alarms, and a visibility timeout of 6 x the function's.`,
      `new SqsConsumer(this, '${queueId(spec.fn)}', { consumer: ${variable}, batchSize: 10 });`,
    );
    constructs.push('SqsConsumer');
  } else {
    lines.push(
      `// Retries, then a DLQ for failed runs; alarms on the function.`,
      `new Schedule(this, '${scheduleId(spec.fn)}', { target: ${variable}, expression: '${spec.schedule ?? 'rate(1 hour)'}' });`,
    );
    constructs.push('Schedule');
  }
  appendToStackConstructor(tree, path, `\n${lines.join('\n')}`, {
    '@platform/constructs': constructs,
    [`@apps/${spec.service}`]: ['settings'],
  });
}

/** Explicit memory and timeout, chosen per trigger; an SQS consumer's timeout drives its queue's visibility. */
function functionProps(trigger: Trigger): string {
  if (trigger === 'http') return '{ memorySize: 256, timeout: 10 }';
  if (trigger === 'sqs') return '{ memorySize: 256, timeout: 30 }';
  return '{ memorySize: 512, timeout: 60 }';
}

const SAMPLES: Record<Trigger, string> = {
  http: 'apigw-http-v2-proxy.powertools-ts',
  sqs: 'sqs-standard-batch.powertools-ts',
  schedule: 'eventbridge-scheduled.lambda-docs',
};

/**
 * A realistic event for local invoke, made from the real AWS sample of the trigger
 * (packages/test-helpers/events) with a body the generated handler accepts.
 */
function sampleEvent(tree: Tree, spec: FunctionSpec, route: string): unknown {
  const file = `packages/test-helpers/events/${SAMPLES[spec.trigger]}.json`;
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new Error(`${file} not found: the generators build sample events from it.`);
  const event = JSON.parse(text) as Record<string, unknown>;
  if (spec.trigger === 'http') {
    const [method, path] = route.split(' ');
    const http = (event.requestContext as { http: Record<string, unknown> }).http;
    Object.assign(http, { method, path });
    return {
      ...event,
      routeKey: route,
      rawPath: path,
      rawQueryString: '',
      queryStringParameters: undefined,
      pathParameters: undefined,
      isBase64Encoded: false,
      body: JSON.stringify({ name: 'Ada' }),
      headers: { ...(event.headers as object), 'content-type': 'application/json' },
    };
  }
  if (spec.trigger === 'sqs') {
    const [record] = event.Records as Record<string, unknown>[];
    const messages = [
      {
        messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
        body: JSON.stringify({ id: 'sample-1', quantity: 2 }),
      },
      {
        messageId: '2e1424d4-f796-459a-8184-9c92662be6da',
        body: JSON.stringify({ id: 'sample-2', quantity: 1 }),
      },
    ];
    return {
      Records: messages.map((m) => ({
        ...record,
        ...m,
        md5OfBody: createHash('md5').update(m.body).digest('hex'),
      })),
    };
  }
  // The Schedule construct uses EventBridge Scheduler, not an EventBridge rule: without an input, it
  // sends the scheduled-event envelope with source aws.scheduler, the schedule's ARN, and `detail` as
  // the string "{}" (a rule sends an object).
  return {
    ...event,
    source: 'aws.scheduler',
    resources: [
      `arn:aws:scheduler:${String(event.region)}:${String(event.account)}:schedule/default/${spec.service}-dev-${spec.fn}-schedule`,
    ],
    detail: '{}',
  };
}
