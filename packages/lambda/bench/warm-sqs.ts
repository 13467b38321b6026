// Warm cost per SQS record: the same batches through sqsHandler (with @platform/logging) and through a bare
// loop doing the same work (parse the body, call the domain function, collect the failures), in one process,
// the modes alternating round by round. bench/package-bench.ts bundles this file with the production esbuild
// options and runs it with stdout on /dev/null; the result goes as JSON to the file named by argv[2].
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { sqsHandler } from '@platform/lambda';
import { logger } from '@platform/logging';

const BATCH_SIZE = 10;
const BATCHES = Number(process.env.BENCH_WARM_BATCHES ?? 2000);
const ROUNDS = Number(process.env.BENCH_WARM_ROUNDS ?? 7);

interface Order {
  readonly orderId: string;
  readonly amount: number;
}

let total = 0;
const processOrder = (order: Order) => {
  total += order.amount;
};
const processAndLog = (order: Order) => {
  total += order.amount;
  logger.info('Order processed', { order_id: order.orderId });
};
// The bare handler's log line: a minimal JSON line written without a logger.
const processAndWrite = (order: Order) => {
  total += order.amount;
  process.stdout.write(
    JSON.stringify({
      level: 'INFO',
      message: 'Order processed',
      timestamp: new Date().toISOString(),
      order_id: order.orderId,
    }) + '\n',
  );
};

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const bareLoop =
  (domain: (order: Order) => void): Handler =>
  async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await domain(JSON.parse(record.body) as Order);
      } catch {
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };

// A record as SQS delivers it (shape of the AWS sample event), carrying the correlation ID @platform/queue sets.
const record = (index: number): SQSRecord => ({
  messageId: randomUUID(),
  receiptHandle: `AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq${index}`,
  body: JSON.stringify({ orderId: `o-${index}`, amount: 1 }),
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1545082650636',
    SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    ApproximateFirstReceiveTimestamp: '1545082650649',
  },
  messageAttributes: {
    correlationId: {
      stringValue: randomUUID(),
      dataType: 'String',
      stringListValues: [],
      binaryListValues: [],
    },
  },
  md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:bench-orders',
  awsRegion: 'eu-west-1',
});
const events: SQSEvent[] = Array.from({ length: BATCHES }, (_, b) => ({
  Records: Array.from({ length: BATCH_SIZE }, (_, i) => record(b * BATCH_SIZE + i)),
}));
const contexts: Context[] = events.map(() => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'bench-bench-consumer',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench-bench-consumer',
  memoryLimitInMB: '256',
  awsRequestId: randomUUID(),
  logGroupName: '/aws/lambda/bench-bench-consumer',
  logStreamName: '2026/01/01/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
}));

const modes: Record<string, Handler> = {
  bare: bareLoop(processOrder),
  wrapped: sqsHandler<Order>({ handle: processOrder }),
  bareWithLine: bareLoop(processAndWrite),
  wrappedWithLine: sqsHandler<Order>({ handle: processAndLog }),
};

/** Wall and CPU µs per record (CPU: user + system of the process, which other work on the machine inflates less). */
async function run(handler: Handler, batches: number): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) {
    const { batchItemFailures } = await handler(events[b]!, contexts[b]!);
    if (batchItemFailures.length > 0) throw new Error('A benchmark record failed');
  }
  const records = batches * BATCH_SIZE;
  const { user, system } = process.cpuUsage(cpuStart);
  return { wall: Number(process.hrtime.bigint() - start) / 1e3 / records, cpu: (user + system) / records };
}

// A function, not top-level await: the production options build CommonJS.
async function main(): Promise<void> {
  const names = Object.keys(modes);
  const warmUp = Math.min(BATCHES, 500);
  const usPerRecord: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cpuUsPerRecord: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) await run(modes[name]!, warmUp); // JIT and first-call paths
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order, so that no mode always runs right after the same other one.
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const { wall, cpu } = await run(modes[name]!, BATCHES);
      usPerRecord[name]!.push(wall);
      cpuUsPerRecord[name]!.push(cpu);
    }
  }
  const expected = names.length * (warmUp + ROUNDS * BATCHES) * BATCH_SIZE;
  if (total !== expected) throw new Error(`Processed ${total} records, expected ${expected}`);
  writeFileSync(
    process.argv[2]!,
    JSON.stringify({ records: BATCHES * BATCH_SIZE, rounds: ROUNDS, usPerRecord, cpuUsPerRecord }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
