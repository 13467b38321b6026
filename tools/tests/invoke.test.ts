import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { resolveEvent, type InvokeResult } from '../invoke/invoke';

/*
 * Local invoke end to end: the orders handlers bundled with the production esbuild options, run in a
 * fresh Node process with their sample events, local settings, and the loopback SQS, DynamoDB and
 * HTTP stand-ins that apps/orders/local.json names. The bundles go to a temporary folder, so this
 * test never rewrites dist/apps/orders under a synth running next to it. Invokes go through the CLI
 * (`--json`), as `nx run <service>:invoke` does: the local servers are ES modules, which Jest's
 * CommonJS runtime cannot load in-process.
 */
const root = resolve(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'invoke-test-'));
const distDir = join(work, 'dist');

interface CliRun {
  readonly app: string;
  readonly fn: string;
  readonly event?: string;
  readonly timeoutSeconds?: number;
}

/** `tsx tools/invoke/cli.ts <app> --function <fn> ... --json`: the result, or the CLI's error output. */
async function invoke(run: CliRun): Promise<InvokeResult> {
  const args = [
    join(root, 'tools/invoke/cli.ts'),
    run.app,
    '--function',
    run.fn,
    '--dist-dir',
    distDir,
    '--json',
  ];
  if (run.event) args.push('--event', run.event);
  if (run.timeoutSeconds) args.push('--timeout', String(run.timeoutSeconds));
  const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), args, {
    cwd: root,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    // Exit code 1 with a result is a failed invocation; without one, the CLI's own error.
    if (error.stdout?.startsWith('{')) return { stdout: error.stdout };
    throw new Error(error.stderr?.trim() ?? String(error));
  });
  return JSON.parse(stdout) as InvokeResult;
}

type Line = Record<string, unknown>;
const jsonLines = (result: InvokeResult) =>
  result.logs.filter((l): l is Line => typeof l === 'object' && l !== null);
const withMessage = (result: InvokeResult, message: string) =>
  jsonLines(result).filter((l) => l.message === message);
const bodies = (messages: { body: string }[]) =>
  messages.map((m) => JSON.parse(m.body) as Record<string, unknown>);

jest.setTimeout(120_000);
let runs: Record<string, Promise<InvokeResult>>;

// A throwaway app with hand-written bundles: one that cannot load, one that never answers.
const brokenApp = join(work, 'apps', 'broken');
function writeBrokenApp() {
  mkdirSync(join(brokenApp, 'events'), { recursive: true });
  for (const [fn, code] of [
    ['crash', 'throw new Error("missing configuration: TABLE_NAME");'],
    ['hang', 'exports.handler = () => new Promise(() => setInterval(() => {}, 1000));'],
  ] as const) {
    writeFileSync(join(brokenApp, 'events', `${fn}.json`), '{}');
    mkdirSync(join(distDir, 'broken', fn), { recursive: true });
    writeFileSync(join(distDir, 'broken', fn, 'index.js'), code);
  }
}

beforeAll(() => {
  // The build of `nx run orders:build` (tools/bundle-functions.mjs), into the temporary folder.
  const script = `
    import { build } from 'esbuild';
    import { lambdaBuildOptions } from './tools/bundle-functions.mjs';
    for (const fn of ['create-order', 'process-orders']) {
      await build(lambdaBuildOptions('apps/orders/src/handlers/' + fn + '.ts', '${distDir}/orders/' + fn + '/index.js'));
    }
    await build(lambdaBuildOptions('apps/reports/src/handlers/record-sale.ts', '${distDir}/reports/record-sale/index.js'));`;
  const built = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`Building the orders bundles failed:\n${built.stderr}`);
  writeBrokenApp();
  // Independent processes with their own servers on free ports: run them side by side.
  runs = {
    createOrder: invoke({ app: 'apps/orders', fn: 'create-order' }),
    processOrders: invoke({ app: 'apps/orders', fn: 'process-orders' }),
    genericSqs: invoke({ app: 'apps/orders', fn: 'process-orders', event: 'sqs' }),
    genericHttp: invoke({ app: 'apps/orders', fn: 'create-order', event: 'http' }),
    noBundle: invoke({ app: 'apps/orders', fn: 'ship-orders' }),
    crash: invoke({ app: brokenApp, fn: 'crash' }),
    hang: invoke({ app: brokenApp, fn: 'hang', timeoutSeconds: 0.5 }),
    recordSale: invoke({ app: 'apps/reports', fn: 'record-sale' }),
  };
  // Rejections are asserted by the tests; keep Node from reporting them as unhandled meanwhile.
  for (const run of Object.values(runs)) run.catch(() => undefined);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('invoke: orders create-order with its sample HTTP API event', () => {
  let result: InvokeResult;
  beforeAll(async () => {
    result = await runs.createOrder!;
  });

  it('answers 200 with the new order ID', () => {
    expect(result.ok).toBe(true);
    expect(result.eventFile).toBe(join(root, 'apps/orders/events/create-order.json'));
    expect(result.response).toMatchObject({
      statusCode: 200,
      headers: { 'x-correlation-id': 'local-create-order-1' },
    });
    const body = JSON.parse((result.response as { body: string }).body) as {
      status: string;
      data: { orderId: string };
    };
    expect(body).toMatchObject({ status: 'success', data: { orderId: expect.stringMatching(/^ord_/) } });
  });

  it('prints the JSON log lines of a cold start, with the Lambda context and the request correlation ID', () => {
    expect(withMessage(result, 'Order received')).toEqual([
      expect.objectContaining({
        level: 'INFO',
        service: 'orders',
        environment: 'local',
        function_name: 'orders-local-create-order',
        cold_start: true,
        correlation_id: 'local-create-order-1',
        lines: 2,
      }),
    ]);
  });

  it('puts one order.placed message on the local orders queue, with the correlation ID', () => {
    const { orderId } = JSON.parse((result.response as { body: string }).body).data as { orderId: string };
    expect(result.messages.orders).toEqual([
      {
        body: expect.any(String),
        attributes: { type: 'order.placed', correlationId: 'local-create-order-1' },
      },
    ]);
    expect(bodies(result.messages.orders!)).toEqual([
      expect.objectContaining({ type: 'order.placed', orderId, customerId: 'c-1042' }),
    ]);
    expect(result.messages['order-events']).toEqual([]);
  });
});

describe('invoke: orders process-orders with its sample SQS batch', () => {
  let result: InvokeResult;
  beforeAll(async () => {
    result = await runs.processOrders!;
  });

  it('processes both records', () => {
    expect(result.ok).toBe(true);
    expect(result.response).toEqual({ batchItemFailures: [] });
  });

  it('logs each order under its own correlation ID and message ID', () => {
    expect(withMessage(result, 'Order accepted')).toEqual([
      expect.objectContaining({
        correlation_id: 'local-order-1',
        message_id: '059f36b4-87a3-44ab-83d2-661975830a7d',
        total_cents: 5399,
      }),
    ]);
    expect(withMessage(result, 'Order rejected: unknown products')).toEqual([
      expect.objectContaining({ correlation_id: 'local-order-2', skus: ['POSTER-OLD-7'] }),
    ]);
  });

  it('sends one event per order to the local order-events queue', () => {
    const events = result.messages['order-events']!;
    expect(bodies(events)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'order.accepted',
          orderId: 'ord_5b0e1c7a-3d2f-4e8a-9c61-0f2b7d4a9e13',
          totalCents: 5399,
        }),
        expect.objectContaining({
          type: 'order.rejected',
          orderId: 'ord_8c3d9f20-6a1b-4b7e-8d05-2e9c4f1a7b36',
        }),
      ]),
    );
    expect(events).toHaveLength(2);
    expect(events.map((m) => m.attributes.correlationId).sort()).toEqual(['local-order-1', 'local-order-2']);
  });

  it('publishes the accepted order, and only that one, to the local order.accepted topic', () => {
    const published = result.messages['orders-local-order-accepted']!;
    expect(bodies(published)).toEqual([
      expect.objectContaining({
        type: 'order.accepted',
        orderId: 'ord_5b0e1c7a-3d2f-4e8a-9c61-0f2b7d4a9e13',
        totalCents: 5399,
      }),
    ]);
    expect(published[0]!.attributes).toEqual({ type: 'order.accepted', correlationId: 'local-order-1' });
  });

  it('records both orders as done in the local idempotency table', () => {
    expect(result.tables.idempotency).toHaveLength(2);
    expect(result.tables.idempotency!.map((item) => item.status)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('asks the pricing stub once, with an API key it never logs', () => {
    expect(result.requests.PRICING_API_URL).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/price-list',
        headers: expect.arrayContaining(['x-api-key']),
      }),
    ]);
    const secret = (
      JSON.parse(readFileSync(join(root, 'apps/orders/local.json'), 'utf8')) as {
        settings: Record<string, string>;
      }
    ).settings['orders/pricing-api-key']!;
    expect(JSON.stringify(result.logs)).not.toContain(secret);
  });
});

describe('invoke: a table with its own keys (reports record-sale)', () => {
  // apps/reports/local.json: "dynamodb:reports-local-sales:day:item" (partition key day, sort key item).
  it('creates the table with the keys local.json names, so the handler writes its items', async () => {
    const result = await runs.recordSale!;
    expect(result.ok).toBe(true);
    expect(result.response).toEqual({ batchItemFailures: [] });
    const items = result.tables['reports-local-sales']!;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items)
      expect(item).toEqual(expect.objectContaining({ day: expect.any(String), item: expect.any(String) }));
  });
});

describe('invoke: generic samples and errors', () => {
  it('runs a generic SQS sample: bodies that are not orders fail alone, nothing is sent', async () => {
    const result = await runs.genericSqs!;

    expect(result.ok).toBe(true);
    expect(result.response).toEqual({
      batchItemFailures: [
        { itemIdentifier: '059f36b4-87a3-44ab-83d2-661975830a7d' },
        { itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' },
      ],
    });
    expect(withMessage(result, 'Message rejected: Message body is not valid JSON')).toHaveLength(2);
    expect(result.messages['order-events']).toEqual([]);
  });

  it('runs a generic HTTP sample: no body is a 400', async () => {
    const result = await runs.genericHttp!;
    expect(result.response).toMatchObject({ statusCode: 400 });
    expect(result.messages.orders).toEqual([]);
  });

  it('finds event files by trigger name, path, or the function default', () => {
    const app = join(root, 'apps/orders');
    expect(resolveEvent(app, 'x', 'schedule')).toBe(join(root, 'tools/invoke/events/schedule.json'));
    expect(resolveEvent(app, 'x', 'events/create-order.json')).toBe(join(app, 'events/create-order.json'));
    expect(resolveEvent(app, 'process-orders', undefined)).toBe(join(app, 'events/process-orders.json'));
    expect(() => resolveEvent(app, 'nope', undefined)).toThrow(
      /Event file .*apps\/orders\/events\/nope.json not found. Pass --event sqs\|http\|schedule/,
    );
  });

  it('says how to build when there is no bundle', async () => {
    await expect(runs.noBundle).rejects.toThrow(
      /No bundle at .*orders\/ship-orders\/index.js. Build it with "npx nx run orders:build"/,
    );
  });

  describe('a function that fails', () => {
    it('reports an error at init, with nothing to collect', async () => {
      const result = await runs.crash;
      expect(result).toMatchObject({
        ok: false,
        error: { name: 'Error', message: 'missing configuration: TABLE_NAME' },
        messages: {},
      });
    });

    it('stops a function at its timeout, as Lambda does', async () => {
      const result = await runs.hang;
      expect(result).toMatchObject({
        ok: false,
        error: { name: 'TimeoutError', message: 'Task timed out after 0.50 seconds' },
      });
    });
  });
});
