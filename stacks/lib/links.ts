/**
 * Links between services, declared in the topology: event streams (publishes / consumes) and calls
 * (routes). Checked at start with the rest of the topology; `linksOf` resolves, for one stack, the
 * names and ARNs of the other side from the topology alone, so no stack reads another's state.
 */
import type { ServiceLinks } from '@platform/constructs';
import type { FunctionRef, Service, ServiceInput, StreamRef, Topology } from './topology';

const STREAM = /^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/;
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ROUTE_KEY = /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/[\w\-.~{}+/]*$/;
/** IAM role names: 64 characters. */
const ROLE_NAME_LIMIT = 64;

/** `order.accepted` -> `order-accepted`: SNS topic names take no dots. */
export const streamSlug = (stream: string) => stream.replace(/\./g, '-');

/** `<producer>-<environment>-<stream slug>`: the stream's SNS topic, in the producer's account. */
export const streamTopicName = (producer: string, environment: string, stream: string) =>
  `${producer}-${environment}-${streamSlug(stream)}`;

/** `<callee>-<environment>-invoke-<caller>-<function>`: the invoker role in the callee's account. */
export const invokerRoleName = (callee: string, environment: string, caller: FunctionRef) =>
  `${callee}-${environment}-invoke-${caller.service}-${caller.function}`;

/** Where the callee's stack publishes its HTTP API's URL, readable by the invoker roles only. */
export const apiUrlParameterName = (callee: string, environment: string) =>
  `/${environment}/${callee}/platform/api-url`;

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

type Fail = (message: string) => void;
type Links = Pick<Service, 'publishes' | 'consumes' | 'routes'>;

/** A service's links as written, checked for shape and duplicates (not yet against other services). */
export function resolveLinks(service: string, input: ServiceInput, fail: Fail): Links {
  const publishes = input.publishes ?? [];
  const slugs = new Map<string, string>();
  for (const stream of publishes) {
    if (!STREAM.test(stream)) {
      fail(
        `service "${service}" publishes "${stream}", which is not a stream name. Use lowercase words separated by "." or "-" (e.g. "order.accepted").`,
      );
      continue;
    }
    const other = slugs.get(streamSlug(stream));
    if (other !== undefined) {
      fail(
        other === stream
          ? `service "${service}" publishes "${stream}" twice. Remove the duplicate from services.${service}.publishes.`
          : `service "${service}" publishes "${other}" and "${stream}", which name the same topic ${streamSlug(stream)}. Rename one of them.`,
      );
    }
    slugs.set(streamSlug(stream), stream);
  }

  const consumes: StreamRef[] = [];
  for (const entry of input.consumes ?? []) {
    const [producer, stream, ...rest] = entry.split('/');
    if (!producer || !stream || rest.length > 0) {
      fail(
        `service "${service}" consumes "${entry}": write it as "<service>/<stream>" (e.g. "orders/order.accepted").`,
      );
      continue;
    }
    if (consumes.some((c) => c.service === producer && c.stream === stream)) {
      fail(
        `service "${service}" consumes "${entry}" twice. Remove the duplicate from services.${service}.consumes.`,
      );
      continue;
    }
    consumes.push({ service: producer, stream });
  }

  const routes: Record<string, FunctionRef[]> = {};
  for (const [routeKey, callers] of Object.entries(input.routes ?? {})) {
    if (!ROUTE_KEY.test(routeKey)) {
      fail(
        `service "${service}" routes: "${routeKey}" is not a route key. Use "<METHOD> /<path>" as in the stack's HttpApi (e.g. "GET /orders/{id}").`,
      );
      continue;
    }
    const refs: FunctionRef[] = [];
    for (const caller of callers) {
      const [callerService, fn, ...rest] = caller.split('/');
      if (!callerService || !fn || rest.length > 0 || !NAME.test(fn)) {
        fail(
          `service "${service}" route "${routeKey}": caller "${caller}" must be "<service>/<function>" (e.g. "reports/publish-daily-report").`,
        );
        continue;
      }
      if (refs.some((r) => r.service === callerService && r.function === fn)) {
        fail(
          `service "${service}" route "${routeKey}" lists caller "${caller}" twice. Remove the duplicate.`,
        );
        continue;
      }
      refs.push({ service: callerService, function: fn });
    }
    routes[routeKey] = refs;
  }
  return { publishes, consumes, routes };
}

/** Every link names a known service and stream, within one environment and region, and fits AWS names. */
export function checkLinks(
  services: Readonly<Record<string, Service>>,
  environments: readonly string[],
  fail: Fail,
): void {
  const known = Object.keys(services).join(', ');
  for (const [consumer, s] of Object.entries(services)) {
    for (const { service: producer, stream } of s.consumes) {
      const ref = `"${producer}/${stream}"`;
      const p = services[producer];
      if (producer === consumer) {
        fail(
          `service "${consumer}" consumes its own stream ${ref}. Streams link services; within a service, send to a queue of its stack.`,
        );
        continue;
      }
      if (!p) {
        fail(
          `service "${consumer}" consumes ${ref}: unknown service "${producer}". Known services: ${known}.`,
        );
        continue;
      }
      if (!p.publishes.includes(stream)) {
        fail(
          `service "${consumer}" consumes ${ref}, but "${producer}" publishes ${p.publishes.length ? p.publishes.map((x) => `"${x}"`).join(', ') : 'no streams'}. Add "${stream}" to services.${producer}.publishes or fix the name.`,
        );
        continue;
      }
      for (const env of s.environments.filter((e) => !p.environments.includes(e))) {
        fail(
          `service "${consumer}" consumes ${ref} in ${env}, but "${producer}" is not deployed to ${env}: a stream links services of one environment. Add ${env} to services.${producer}.environments or remove it from services.${consumer}.environments.`,
        );
      }
      for (const region of s.regions.filter((r) => !p.regions.includes(r))) {
        fail(
          `service "${consumer}" consumes ${ref} in ${region}, but "${producer}" runs only in ${p.regions.join(', ')}. Add ${region} to services.${producer}.regions or remove it from services.${consumer}.regions.`,
        );
      }
    }
  }
  const longest = [...environments].sort((a, b) => b.length - a.length)[0] ?? '';
  for (const [callee, s] of Object.entries(services)) {
    for (const [routeKey, callers] of Object.entries(s.routes)) {
      for (const caller of callers) {
        const ref = `"${caller.service}/${caller.function}"`;
        const c = services[caller.service];
        if (caller.service === callee) {
          fail(
            `service "${callee}" route "${routeKey}": caller ${ref} is the service itself. Routes are for other services; call your own code directly.`,
          );
          continue;
        }
        if (!c) {
          fail(
            `service "${callee}" route "${routeKey}": unknown service "${caller.service}" in caller ${ref}. Known services: ${known}.`,
          );
          continue;
        }
        for (const env of c.environments.filter((e) => !s.environments.includes(e))) {
          fail(
            `service "${callee}" route "${routeKey}": caller ${ref} runs in ${env}, where "${callee}" is not deployed: calls link services of one environment. Add ${env} to services.${callee}.environments or remove it from services.${caller.service}.environments.`,
          );
        }
        const role = invokerRoleName(callee, longest, caller);
        if (role.length > ROLE_NAME_LIMIT) {
          fail(
            `service "${callee}" route "${routeKey}": the invoker role of caller ${ref}, "${role}", has ${role.length} characters; IAM allows ${ROLE_NAME_LIMIT}. Shorten the function or service name by ${role.length - ROLE_NAME_LIMIT}.`,
          );
        }
      }
    }
  }
}

/**
 * What the stack of `service` in `environment` and `region` links to, with the other side's names and
 * ARNs computed from the topology (accounts, naming rules): nothing is read from another stack.
 */
export function linksOf(
  topology: Topology,
  service: string,
  environment: string,
  region: string,
): ServiceLinks {
  const { services } = topology;
  const accountOf = (name: string) =>
    topology.accounts[topology.teams[services[name].team].accounts[environment]];
  const p = partitionOf(region);
  const self = services[service];

  const publishes = self.publishes.map((stream) => ({
    stream,
    topicName: streamTopicName(service, environment, stream),
    consumers: Object.entries(services)
      .filter(([, s]) => s.environments.includes(environment) && s.regions.includes(region))
      .filter(([, s]) => s.consumes.some((c) => c.service === service && c.stream === stream))
      .map(([name]) => ({
        service: name,
        accountId: accountOf(name).id,
        // The consumer's queues: every SQS queue named after its stack, in its account.
        queueArnPattern: `arn:${p}:sqs:${region}:${accountOf(name).id}:${name}-${environment}-*`,
      })),
  }));

  const consumes = self.consumes.map(({ service: producer, stream }) => {
    const accountId = accountOf(producer).id;
    return {
      service: producer,
      stream,
      accountId,
      topicArn: `arn:${p}:sns:${region}:${accountId}:${streamTopicName(producer, environment, stream)}`,
      producerStack: `${producer}-${environment}${services[producer].regions.length > 1 ? `-${region}` : ''}`,
    };
  });

  // Callers of this service's routes, grouped per calling function: one invoker role each.
  const callers = new Map<string, { caller: FunctionRef; routes: string[] }>();
  for (const [routeKey, refs] of Object.entries(self.routes)) {
    for (const caller of refs) {
      if (!services[caller.service].environments.includes(environment)) continue;
      const key = `${caller.service}/${caller.function}`;
      const entry = callers.get(key) ?? { caller, routes: [] };
      entry.routes.push(routeKey);
      callers.set(key, entry);
    }
  }
  const callerRoleArn = (ref: FunctionRef) =>
    `arn:${p}:iam::${accountOf(ref.service).id}:role/${ref.service}-${environment}-${ref.function}`;

  const calls = Object.entries(services).flatMap(([callee, s]) => {
    if (!s.environments.includes(environment)) return [];
    const byFunction = new Map<string, string[]>();
    for (const [routeKey, refs] of Object.entries(s.routes)) {
      for (const ref of refs.filter((r) => r.service === service)) {
        byFunction.set(ref.function, [...(byFunction.get(ref.function) ?? []), routeKey]);
      }
    }
    const accountId = accountOf(callee).id;
    // The callee's API lives in its first region when it does not run in the caller's.
    const calleeRegion = s.regions.includes(region) ? region : s.regions[0];
    return [...byFunction].map(([fn, routes]) => ({
      service: callee,
      function: fn,
      routes,
      accountId,
      region: calleeRegion,
      invokerRoleArn: `arn:${p}:iam::${accountId}:role/${invokerRoleName(callee, environment, { service, function: fn })}`,
      apiUrlParameterArn: `arn:${p}:ssm:${calleeRegion}:${accountId}:parameter${apiUrlParameterName(callee, environment)}`,
    }));
  });

  return {
    publishes,
    consumes,
    callers: [...callers.values()].map(({ caller, routes }) => ({
      service: caller.service,
      function: caller.function,
      routes,
      roleArn: callerRoleArn(caller),
      invokerRoleName: invokerRoleName(service, environment, caller),
    })),
    calls,
    apiUrlParameterName: apiUrlParameterName(service, environment),
  };
}
