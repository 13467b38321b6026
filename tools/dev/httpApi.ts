import { createServer, type Server } from 'node:http';
import type { FunctionRunner } from './functionRunner';
import { buildHttpEvent, toHttpResponse, type MatchedRoute } from './httpEvent';
import { close, listen } from './listen';
import type { LogStream } from './logStream';
import type { ApiModel, RouteModel, StackModel } from './types';

export interface LocalApi {
  readonly service: string;
  readonly name: string;
  readonly url: string;
  readonly routes: RouteModel[];
  stop(): Promise<void>;
}

interface CompiledRoute {
  readonly route: RouteModel;
  readonly method: string;
  readonly pattern?: RegExp;
  readonly names: string[];
  /** Higher first: literal paths before parameters, parameters before greedy ones. */
  readonly rank: number;
}

/**
 * One HTTP API of a stack on its own 127.0.0.1 port: its routes, as API Gateway matches them,
 * each invoking its function with a payload format 2.0 event.
 *
 * AWS_IAM routes are not checked locally (there is no IAM to check a signature against): every
 * such request is passed on with a local caller as its IAM identity, and a notice says so.
 */
export async function startHttpApi(
  stack: StackModel,
  api: ApiModel,
  runners: Map<string, FunctionRunner>,
  port: number,
  log: LogStream,
): Promise<LocalApi> {
  const tag = `${stack.service}/${api.name}`;
  const routes = api.routes.map(compile).sort((a, b) => b.rank - a.rank);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        const matched = match(routes, request.method ?? 'GET', path);
        const send = (status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
          response.writeHead(status, { 'content-type': 'application/json', ...headers });
          response.end(Buffer.isBuffer(body) ? body : JSON.stringify(body));
        };
        if (!matched) {
          log.line(tag, `${request.method} ${path} -> 404 (no route)`);
          return send(404, { message: 'Not Found' });
        }
        const { route, pathParameters } = matched;
        if (route.authorization === 'AWS_IAM')
          log.line(tag, `${route.routeKey}: AWS_IAM is not checked locally; passed on as a local IAM caller`);
        const runner = runners.get(`${stack.service}/${route.functionId}`)!;
        const event = buildHttpEvent(
          request,
          Buffer.concat(chunks),
          { routeKey: route.routeKey, pathParameters },
          {
            apiId: api.name,
            accountId: stack.accountId,
            domainName: request.headers.host ?? '127.0.0.1',
            iam: route.authorization === 'AWS_IAM',
          },
        );
        const outcome = await runner.invoke(event);
        if (!outcome.ok) {
          const timedOut = outcome.error?.name === 'TimeoutError';
          log.line(
            tag,
            `${route.routeKey} -> ${timedOut ? 503 : 500}: ${outcome.error?.name}: ${outcome.error?.message}`,
          );
          return send(timedOut ? 503 : 500, {
            message: timedOut ? 'Service Unavailable' : 'Internal Server Error',
          });
        }
        const result = toHttpResponse(outcome.response);
        log.line(tag, `${route.routeKey} -> ${result.status} (${outcome.durationMs?.toFixed(0)} ms)`);
        send(result.status, result.body, result.headers);
      })().catch((error: Error) => {
        log.line(tag, `internal error: ${error.stack ?? error.message}`);
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
  });
  const actual = await listen(server, port, `HTTP API ${api.name}`, '--port');
  return {
    service: stack.service,
    name: api.name,
    url: `http://127.0.0.1:${actual}`,
    routes: api.routes,
    stop: () => close(server),
  };
}

function compile(route: RouteModel): CompiledRoute {
  if (route.routeKey === '$default') return { route, method: 'ANY', names: [], rank: 0 };
  const [method, path] = route.routeKey.split(' ') as [string, string];
  const names: string[] = [];
  let rank = 1000;
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{([^}]+?)(\+)?\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(parameter[1]!);
      rank -= parameter[2] ? 100 : 10;
      return parameter[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  // A specific method beats ANY on the same path.
  return {
    route,
    method,
    pattern: new RegExp(`^${source}$`),
    names,
    rank: rank + (method === 'ANY' ? 0 : 1),
  };
}

function match(
  routes: CompiledRoute[],
  method: string,
  path: string,
): (MatchedRoute & { route: RouteModel }) | undefined {
  for (const compiled of routes) {
    if (compiled.method !== 'ANY' && compiled.method !== method) continue;
    if (!compiled.pattern) return { route: compiled.route, routeKey: compiled.route.routeKey };
    const found = compiled.pattern.exec(path);
    if (!found) continue;
    const pathParameters = Object.fromEntries(
      compiled.names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]),
    );
    return {
      route: compiled.route,
      routeKey: compiled.route.routeKey,
      ...(compiled.names.length > 0 ? { pathParameters } : {}),
    };
  }
  return undefined;
}
