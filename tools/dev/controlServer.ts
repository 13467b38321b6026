import { createServer } from 'node:http';
import type { FunctionRunner } from './functionRunner';
import { close, listen } from './listen';
import type { LocalSchedule } from './schedules';

export interface ControlServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * npm run dev's local control endpoint, on 127.0.0.1:
 * - `POST /fire/<service>/<function>`: fires the function's schedule now (its scheduled event),
 *   once, and answers with what the function did (200 when it succeeded, 502 when it failed);
 * - `POST /invoke/<service>/<function>` with an event as the body: invokes the function with it;
 * - `GET /status`: every function's state and process IDs.
 */
export async function startControlServer(
  runners: Map<string, FunctionRunner>,
  schedules: LocalSchedule[],
  port: number,
): Promise<ControlServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const [, action, service, fn] = /^\/(fire|invoke)\/([^/]+)\/([^/?]+)/.exec(request.url ?? '') ?? [];
      if (request.method === 'GET' && request.url === '/status') {
        return reply(200, {
          functions: Object.fromEntries(
            [...runners].map(([name, r]) => [name, { state: r.state, pids: r.pids, error: r.lastError }]),
          ),
        });
      }
      if (request.method !== 'POST' || !action) {
        return reply(404, {
          message: 'POST /fire/<service>/<function>, POST /invoke/<service>/<function>, GET /status',
        });
      }
      const target = `${service}/${fn}`;
      const run = async () => {
        if (action === 'fire') {
          const schedule = schedules.find((s) => s.runner.tag === target);
          if (!schedule) {
            const known = schedules.map((s) => s.runner.tag).join(', ') || 'none';
            return reply(404, { message: `No schedule targets ${target}. Scheduled functions: ${known}.` });
          }
          const outcome = await schedule.fire();
          return reply(outcome.ok ? 200 : 502, { schedule: schedule.model.name, ...outcome });
        }
        const runner = runners.get(target);
        if (!runner)
          return reply(404, {
            message: `Unknown function ${target}. Functions: ${[...runners.keys()].join(', ')}.`,
          });
        const text = Buffer.concat(chunks).toString('utf8');
        const outcome = await runner.invoke(text.trim() === '' ? {} : (JSON.parse(text) as unknown));
        return reply(outcome.ok ? 200 : 502, outcome);
      };
      run().catch((error: Error) => reply(400, { message: error.message }));
    });
  });
  const actual = await listen(server, port, 'control endpoint', '--control-port');
  return { url: `http://127.0.0.1:${actual}`, stop: () => close(server) };
}
