import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  endpointsOf,
  eventually,
  processGroup,
  startDevProcess,
  type DevEndpoints,
  type DevProcess,
} from './support/devProcess';

/*
 * npm run dev end to end, through its script (tsx tools/dev/cli.ts) as a child process: both
 * example services from cdktf.out (synthesized first if missing), on free ports, an HTTP request
 * to the printed URL of orders' API all the way to the event process-orders sends on, and across
 * accounts through the order.accepted stream to reports' record-sale; a poison
 * message into the DLQ; the reports schedule fired on demand; Ctrl-C leaving nothing behind.
 * Failed SQS messages come back at once (--retry-after 0) instead of after 180 s.
 */
const root = resolve(__dirname, '..', '..');
const workDir = mkdtempSync(join(tmpdir(), 'dev-test-'));
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-1';

jest.setTimeout(300_000);
let dev: DevProcess;
let endpoints: DevEndpoints;
let sqs: SQSClient;

/** A queue's local URL, as the summary prints it. */
const queueUrl = (name: string) =>
  dev.lines
    .map((line) => new RegExp(`^\\s+(http\\S+/${name.replace('.', '\\.')}) `).exec(line)?.[1])
    .find(Boolean)!;

async function receiveOne(queue: string) {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl(queue),
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages.length > 0 ? Messages : undefined;
}

beforeAll(async () => {
  dev = startDevProcess(root, workDir, ['--retry-after', '0']);
  endpoints = await endpointsOf(dev);
  sqs = new SQSClient({ endpoint: endpoints.sqs, region, credentials, useQueueUrlAsEndpoint: false });
});

afterAll(async () => {
  sqs?.destroy();
  if (dev?.child.exitCode === null) process.kill(-dev.child.pid!, 'SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('prints one summary with the API, the queues, the schedule and the tables of both services', () => {
    const output = dev.lines.join('\n');
    expect(output).toContain('npm run dev: orders, reports (stacks orders-dev, reports-dev, from cdktf.out)');
    expect(output).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/orders {2}-> orders\/create-order \(AWS_IAM\)/);
    expect(output).toContain(
      '-> orders/process-orders (batch 10, window 0 s, max concurrency 5, partial batch failures), ' +
        'visibility 180 s, DLQ orders-dev-orders-dlq after 5 receives',
    );
    expect(output).toContain(
      'reports/reports-dev-publish-daily-report-schedule  cron(15 0 * * ? *) UTC -> reports/publish-daily-report',
    );
    expect(output).toContain('orders-dev-idempotency  (id HASH)');
    expect(output).toContain('reports-dev-sales  (day HASH, item RANGE)');
    for (const fn of [
      'orders/create-order',
      'orders/process-orders',
      'reports/publish-daily-report',
      'reports/record-sale',
    ])
      expect(output).toMatch(new RegExp(`^  ${fn}  ready \\(pid \\d+\\)$`, 'm'));
  });

  it('takes an order on the local API and process-orders prices it once and sends the event on', async () => {
    // Prepare: the sample request of apps/orders/events/create-order.json.
    const sample = JSON.parse(readFileSync(join(root, 'apps/orders/events/create-order.json'), 'utf8')) as {
      body: string;
    };

    // Act
    const response = await fetch(endpoints.ordersUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'dev-test-order' },
      body: sample.body,
    });

    // Assess: accepted by create-order, priced by process-orders, recorded once.
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { orderId: string; lines: number } };
    expect(data.lines).toBe(2);
    const event = await eventually(async () => {
      const messages = await receiveOne('orders-dev-order-events');
      return messages
        ?.map((m) => JSON.parse(m.Body!) as Record<string, unknown>)
        .find((e) => e.orderId === data.orderId);
    }, 'the order event');
    expect(event).toMatchObject({
      type: 'order.accepted',
      orderId: data.orderId,
      currency: 'EUR',
      totalCents: 5399,
    });
    const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region, credentials });
    const items = await eventually(async () => {
      const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: 'orders-dev-idempotency' }));
      return Items.some((i) => i.status?.S === 'COMPLETED') ? Items : undefined;
    }, 'the idempotency record');
    dynamodb.destroy();
    expect(items).toHaveLength(1);
    expect(items[0]!.id!.S).toMatch(/^orders\.process-order#/);
    expect(dev.lines).toContainEqual(
      expect.stringContaining('[orders/orders-dev-api] POST /orders: AWS_IAM is not checked locally'),
    );
  });

  it("carries order.accepted across the two teams' accounts: orders' topic delivers to reports' queue and record-sale counts the sale, one correlation ID all the way", async () => {
    // Prepare: the stacks wire it as in AWS: orders-dev's topic, reports-dev's subscription by the topic's ARN.
    const correlationId = 'dev-test-cross-account';
    const sample = JSON.parse(readFileSync(join(root, 'apps/orders/events/create-order.json'), 'utf8')) as {
      body: string;
    };

    // Act
    const response = await fetch(endpoints.ordersUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: sample.body,
    });

    // Assess: the sale is counted in reports' table under the event's ID ...
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { orderId: string } };
    const eventId = `${data.orderId}:order.accepted`;
    const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region, credentials });
    const counted = await eventually(async () => {
      const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: 'reports-dev-sales' }));
      return Items.find((i) => i.eventIds?.SS?.includes(eventId));
    }, 'the sale in reports-dev-sales');
    dynamodb.destroy();
    expect(counted.item!.S).toMatch(/^sales#\d{2}$/);
    // ... and every log line of the three functions about this order carries the request's correlation ID.
    const lines = dev.lines
      .map((line) =>
        /^\[(orders\/create-order|orders\/process-orders|reports\/record-sale)\] (\{.*)$/.exec(line),
      )
      .filter((match): match is RegExpExecArray => match !== null)
      .map(([, fn, json]) => ({ fn, line: JSON.parse(json!) as Record<string, unknown> }))
      .filter(
        ({ line }) => line.correlation_id === correlationId || JSON.stringify(line).includes(data.orderId),
      );
    expect(new Set(lines.map((l) => l.fn))).toEqual(
      new Set(['orders/create-order', 'orders/process-orders', 'reports/record-sale']),
    );
    expect(lines.filter(({ line }) => line.correlation_id !== correlationId)).toEqual([]);
    expect(lines).toContainEqual({
      fn: 'reports/record-sale',
      line: expect.objectContaining({ message: 'Sale recorded', order_id: data.orderId, event_id: eventId }),
    });
  });

  it('moves a poison message to the DLQ after maxReceiveCount (5) failed receives', async () => {
    const { MessageId } = await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl('orders-dev-orders'), MessageBody: 'not an order' }),
    );

    const dead = await eventually(
      async () => (await receiveOne('orders-dev-orders-dlq'))?.[0],
      'the DLQ message',
    );

    expect(dead.Body).toBe('not an order');
    const failures = dev.lines.filter(
      (line) =>
        line.startsWith('[orders/process-orders] {') &&
        line.includes(MessageId!) &&
        line.includes('Batch processed with failed records'),
    );
    expect(failures).toHaveLength(5);
  });

  it('fires the reports schedule on demand and the report is published', async () => {
    const fire = spawnSync(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'tools/dev/cli.ts'), '--fire', 'reports/publish-daily-report', '--work-dir', workDir],
      { cwd: root, encoding: 'utf8' },
    );

    expect(fire.status).toBe(0);
    expect(JSON.parse(fire.stdout)).toMatchObject({
      ok: true,
      schedule: 'reports-dev-publish-daily-report-schedule',
    });
    const [message] = await eventually(
      () => receiveOne('reports-dev-daily-reports.fifo'),
      'the daily report',
    );
    expect(JSON.parse(message!.Body!)).toMatchObject({ type: 'reports.daily-sales', version: 1, orders: 0 });
    expect(message!.MessageAttributes?.type?.StringValue).toBe('reports.daily-sales');
  });

  it('stops everything on Ctrl-C: no process left, no port open', async () => {
    const ports = [endpoints.ordersUrl, endpoints.sqs, endpoints.dynamodb, endpoints.control].map((url) =>
      Number(new URL(url).port),
    );
    const status = (await (await fetch(`${endpoints.control}/status`)).json()) as {
      functions: Record<string, { pids: number[] }>;
    };
    const workers = Object.values(status.functions).flatMap((f) => f.pids);
    expect(workers.length).toBeGreaterThanOrEqual(4);

    const code = await dev.interrupt();

    expect(code).toBe(0);
    expect(dev.lines).toContain('[dev] stopped');
    // esbuild's service processes end when their pipe closes, a moment after their parent.
    const left = await eventually(
      async () => {
        const pids = await processGroup(dev.child.pid!);
        return pids.length === 0 ? pids : undefined;
      },
      'the process group to be empty',
      10_000,
    ).catch(() => processGroup(dev.child.pid!));
    expect(left).toEqual([]);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    for (const port of ports) expect(await refused(port)).toBe(true);
  });
});

function refused(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(false);
    });
    socket.once('error', () => resolvePromise(true));
  });
}
