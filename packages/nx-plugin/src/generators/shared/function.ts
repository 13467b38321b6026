import { readFileSync } from 'node:fs';
import { generateFiles, joinPathFragments, type Tree } from '@nx/devkit';
import {
  isRouteKey,
  isScheduleExpression,
  ROUTE_KEY_FORMAT,
  SCHEDULE_EXPRESSION_FORMAT,
} from '@platform/constructs/syntax';
import { render } from 'ejs';
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

/** One function of a service, as both generators take it from their options. */
export interface FunctionSpec {
  readonly service: string;
  readonly fn: string;
  readonly trigger: Trigger;
  /** http: the route key. @default `POST /<fn>` */
  readonly route?: string;
  /** schedule: an EventBridge Scheduler expression. @default `rate(1 hour)` */
  readonly schedule?: string;
}

/** A function with its defaults resolved and every name its templates use. */
export interface NormalizedFunction {
  readonly service: string;
  readonly fn: string;
  readonly trigger: Trigger;
  readonly routeKey: string;
  readonly schedule: string;
  /** The names the templates (files/ and wiring/) substitute. */
  readonly substitutions: Readonly<Record<string, unknown>>;
}

export const appRoot = (service: string) => `apps/${service}`;
export const stackRoot = (service: string) => `stacks/${service}`;
export const stackFile = (service: string) => `${stackRoot(service)}/src/stack.ts`;
const handlerFile = (service: string, fn: string) => `${appRoot(service)}/src/handlers/${fn}.ts`;

/** The function templates: src/tests/events of a trigger (files/<trigger>), and its stack wiring. */
const FILES = joinPathFragments(__dirname, '..', 'function', 'files');
const WIRING = joinPathFragments(__dirname, '..', 'function', 'wiring');

/** Identifiers the stack template declares: a function must not shadow them. */
const RESERVED_FUNCTION_NAMES = new Set(['api', 'settings']);

/** What each trigger's wiring imports from @platform/constructs (HttpApi only for the service's first route). */
const CONSTRUCTS: Record<Trigger, readonly string[]> = {
  http: ['ServiceFunction'],
  sqs: ['ServiceFunction', 'SqsConsumer'],
  schedule: ['ServiceFunction', 'Schedule'],
};

/** Resolves the defaults (route, schedule) and the names the templates substitute. */
export function normalizeFunction(spec: FunctionSpec): NormalizedFunction {
  const routeKey = spec.route ?? `POST /${spec.fn}`;
  const schedule = spec.schedule ?? 'rate(1 hour)';
  return {
    service: spec.service,
    fn: spec.fn,
    trigger: spec.trigger,
    routeKey,
    schedule,
    substitutions: {
      template: '',
      name: spec.service,
      fn: spec.fn,
      camel: camelName(spec.fn),
      className: className(spec.fn),
      variable: `${camelName(spec.fn)}Fn`,
      route: routeKey,
      routeKey,
      schedule,
      queueId: queueId(spec.fn),
      scheduleId: scheduleId(spec.fn),
      ...sampleRequest(routeKey),
    },
  };
}

/**
 * The request of the sample HTTP event: a concrete method and path for the route key (`ANY` and
 * `$default` become a POST, each `{param}` or `{proxy+}` a sample value in the path and in
 * `pathParameters`), as API Gateway would send it.
 */
function sampleRequest(routeKey: string): {
  method: string;
  rawPath: string;
  /** null without parameters: API Gateway then leaves the field out. */
  pathParameters: Record<string, string> | null;
} {
  const [method, path] = routeKey === '$default' ? ['ANY', '/'] : routeKey.split(' ');
  const pathParameters: Record<string, string> = {};
  const rawPath = path.replace(/\{(\w+)\+?\}/g, (_, param: string) => {
    pathParameters[param] = `sample-${param}`;
    return pathParameters[param];
  });
  return {
    method: method === 'ANY' ? 'POST' : method,
    rawPath,
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
  };
}

/**
 * Checks a function before anything is written; `environments` are the topology's. Route keys and
 * schedule expressions go through the checks of HttpApi and Schedule themselves, so what passes
 * here synthesizes.
 */
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
  if (spec.route !== undefined && !isRouteKey(spec.route)) {
    throw new Error(`Invalid --route "${spec.route}": use ${ROUTE_KEY_FORMAT}.`);
  }
  if (spec.schedule !== undefined && !isScheduleExpression(spec.schedule)) {
    throw new Error(
      `Invalid --schedule "${spec.schedule}": use an EventBridge Scheduler expression, ${SCHEDULE_EXPRESSION_FORMAT}.`,
    );
  }
}

/** Writes the function's handler, domain module, their tests and its sample event (files/<trigger>). */
export function generateFunctionFiles(tree: Tree, fn: NormalizedFunction): void {
  generateFiles(tree, joinPathFragments(FILES, fn.trigger), appRoot(fn.service), fn.substitutions);
}

/**
 * Wires the function into the service's stack: its wiring/<trigger> snippet at the end of the stack's
 * constructor, and the imports it needs. The service's HTTP API is declared by its first route.
 */
export function wireFunction(tree: Tree, fn: NormalizedFunction): void {
  const path = stackFile(fn.service);
  const hasApi = fn.trigger === 'http' && declaresConst(tree, path, 'api');
  const template = joinPathFragments(WIRING, `${fn.trigger}.ts.template`);
  const statements = render(
    readFileSync(template, 'utf-8'),
    { ...fn.substitutions, hasApi },
    { filename: template },
  );
  appendToStackConstructor(tree, path, `\n${statements}`, {
    '@platform/constructs': [
      ...CONSTRUCTS[fn.trigger],
      ...(fn.trigger === 'http' && !hasApi ? ['HttpApi'] : []),
    ],
    [`@apps/${fn.service}`]: ['settings'],
  });
}
