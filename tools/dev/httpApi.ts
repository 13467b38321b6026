import { createServer, type Server } from 'node:http';
import type { FunctionRunner } from './functionRunner';
import { buildHttpEvent, toHttpResponse } from './httpEvent';
import { close, listen } from './listen';
import type { LogStream } from './logStream';
import { routeMatcher } from './routeMatcher';
import type { ApiModel, RouteModel, StackModel } from './types';

export interface LocalApi {
  readonly service: string;
  readonly name: string;
  readonly url: string;
  readonly routes: RouteModel[];
  stop(): Promise<void>;
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
  const match = routeMatcher(api.routes);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        const matched = match(request.method ?? 'GET', path);
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
