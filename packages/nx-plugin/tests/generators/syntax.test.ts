import type { Tree } from '@nx/devkit';
import { functionGenerator } from '../../src/generators/function/generator';
import { serviceGenerator } from '../../src/generators/service/generator';
import { changedFiles, platformTree } from './helpers';

/*
 * Routes and schedules pass the generators exactly when HttpApi and Schedule accept them: both call
 * the checks of @platform/constructs/syntax. Before, a schedule the generator let through failed
 * synth, and a route HttpApi takes was refused.
 */
const read = (tree: Tree, path: string) => tree.read(path, 'utf-8') ?? '';

async function treeWithService(): Promise<Tree> {
  const tree = platformTree();
  await serviceGenerator(tree, { name: 'billing', team: 'insights', trigger: 'http', skipFormat: true });
  return tree;
}

describe('routes and schedules: the constructs checks', () => {
  it.each(['ANY /{proxy+}', '$default', 'HEAD /invoices', 'OPTIONS /invoices/{id}'])(
    'takes the route key %s, which HttpApi accepts',
    async (route) => {
      const tree = await treeWithService();
      await functionGenerator(tree, {
        service: 'billing',
        name: 'proxy',
        trigger: 'http',
        route,
        skipFormat: true,
      });
      expect(read(tree, 'stacks/billing/src/stack.ts')).toContain(
        `api.addRoute('${route}', { function: proxyFn });`,
      );
    },
  );

  it('makes the sample event of a greedy ANY route a request API Gateway would send', async () => {
    const tree = await treeWithService();
    await functionGenerator(tree, {
      service: 'billing',
      name: 'proxy',
      trigger: 'http',
      route: 'ANY /files/{proxy+}',
      skipFormat: true,
    });
    const event = JSON.parse(read(tree, 'apps/billing/events/proxy.json')) as Record<string, unknown>;
    expect(event).toMatchObject({
      routeKey: 'ANY /files/{proxy+}',
      rawPath: '/files/sample-proxy',
      pathParameters: { proxy: 'sample-proxy' },
      requestContext: {
        routeKey: 'ANY /files/{proxy+}',
        http: { method: 'POST', path: '/files/sample-proxy' },
      },
    });
  });

  it('sends a $default route a POST to /', async () => {
    const tree = await treeWithService();
    await functionGenerator(tree, {
      service: 'billing',
      name: 'fallback',
      trigger: 'http',
      route: '$default',
      skipFormat: true,
    });
    const event = JSON.parse(read(tree, 'apps/billing/events/fallback.json')) as Record<string, unknown>;
    expect(event).toMatchObject({
      routeKey: '$default',
      rawPath: '/',
      requestContext: { http: { method: 'POST' } },
    });
    expect(event).not.toHaveProperty('pathParameters');
  });

  it.each(['rate(2 minutes)', 'rate(1 day)', 'cron(0 3 ? * MON-FRI *)', 'at(2030-01-01T00:00:00)'])(
    'takes the schedule %s, which Schedule accepts',
    async (schedule) => {
      const tree = await treeWithService();
      await functionGenerator(tree, {
        service: 'billing',
        name: 'job',
        trigger: 'schedule',
        schedule,
        skipFormat: true,
      });
      expect(read(tree, 'stacks/billing/src/stack.ts')).toContain(`expression: '${schedule}' });`);
    },
  );

  it.each([
    ['rate(1 minutes)', 'a plural unit for 1'],
    ['rate(5 minute)', 'a singular unit for 5'],
    ['cron(0 3 * *)', 'a cron of 4 fields'],
    ['at(2030-01-01)', 'an at without a time'],
  ])(
    'refuses the schedule %s (%s), which Schedule refuses at synth, and writes nothing',
    async (schedule) => {
      const tree = await treeWithService();
      const before = changedFiles(tree);
      await expect(
        serviceGenerator(tree, {
          name: 'jobs',
          team: 'insights',
          trigger: 'schedule',
          schedule,
          skipFormat: true,
        }),
      ).rejects.toThrow(
        `Invalid --schedule "${schedule}": use an EventBridge Scheduler expression, "rate(<n> minute|minutes|hour|hours|day|days)" (singular for 1), "cron(<6 fields>)" or "at(yyyy-mm-ddThh:mm:ss)".`,
      );
      expect(changedFiles(tree)).toEqual(before);
    },
  );

  it.each(['POST orders', 'FETCH /orders', 'post /orders', '/orders'])(
    'refuses the route %s, which HttpApi refuses, with the forms it takes',
    async (route) => {
      const tree = await treeWithService();
      await expect(
        functionGenerator(tree, { service: 'billing', name: 'x', trigger: 'http', route, skipFormat: true }),
      ).rejects.toThrow(
        `Invalid --route "${route}": use "<METHOD> /<path>" (e.g. "POST /orders", "GET /orders/{id}", "ANY /{proxy+}") or "$default".`,
      );
    },
  );
});
