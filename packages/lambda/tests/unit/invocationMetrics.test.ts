import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, EventBridgeEvent, SQSEvent } from 'aws-lambda';
import { applyLogSettings, logger } from '@platform/logging';
import {
  apiGatewayV2Request,
  buildEventBridgeEvent,
  buildSqsEvent,
  captureLogs,
  createLambdaContext,
  type LogCapture,
  type LogLine,
} from '@platform/test-helpers';
import { z } from 'zod';
import { NotFoundError } from '../../src/errors';
import { httpHandler } from '../../src/httpHandler';
import { skipped } from '../../src/responses';
import { scheduleHandler } from '../../src/scheduleHandler';
import { sqsHandler } from '../../src/sqsHandler';
import { emfProblems } from '../support/emfSpecification';

const context = (): Context => createLambdaContext({ functionName: 'orders-test-create-order' });
const emfLines = (logs: LogCapture): LogLine[] => logs.lines.filter((line) => '_aws' in line);
const DIMENSIONS = [
  ['service', 'environment', 'function'],
  ['service', 'environment', 'function', 'status'],
];
const count = (...names: string[]) => names.map((Name) => ({ Name, Unit: 'Count' }));
/** The one EMF line of an invocation, checked against the specification. */
const onlyEmfLine = (logs: LogCapture): LogLine => {
  const lines = emfLines(logs);
  expect(lines).toHaveLength(1);
  expect(emfProblems(lines[0]!)).toEqual([]);
  return lines[0]!;
};

describe('Invocation metrics (CloudWatch Embedded Metric Format)', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
    applyLogSettings({ level: 'INFO', sampleRate: 0 });
  });
  afterEach(() => {
    logs.restore();
    jest.restoreAllMocks();
  });

  it('writes one valid EMF line per invocation, with ColdStart on the first one only', async () => {
    await jest.isolateModulesAsync(async () => {
      const fresh = await import('../../src/httpHandler');
      const handler = fresh.httpHandler({ handle: () => ({ ok: true }) });

      await handler(apiGatewayV2Request({}), context());
      const first = onlyEmfLine(logs);
      expect(first).toEqual({
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            { Namespace: 'Platform', Dimensions: DIMENSIONS, Metrics: count('Invocations', 'ColdStart') },
          ],
        },
        service: 'orders',
        environment: 'test',
        function: 'orders-test-create-order',
        status: 'success',
        Invocations: 1,
        ColdStart: 1,
      });
      expect(Math.abs((first._aws as { Timestamp: number }).Timestamp - Date.now())).toBeLessThan(60_000);

      logs.restore();
      logs = captureLogs();
      await handler(apiGatewayV2Request({}), context());
      const second = onlyEmfLine(logs);
      expect(second.ColdStart).toBeUndefined();
      expect(
        (second._aws as { CloudWatchMetrics: { Metrics: unknown }[] }).CloudWatchMetrics[0]!.Metrics,
      ).toEqual(count('Invocations'));
    });
  });

  describe('httpHandler: invocations by the status answered', () => {
    it.each([
      ['a returned value', 'success', () => ({ id: 1 })],
      ['skipped()', 'skipped', () => skipped('Already done')],
      [
        'a NotFoundError',
        'notFound',
        () => {
          throw new NotFoundError('No such order');
        },
      ],
      [
        'an unexpected error',
        'error',
        () => {
          throw new Error('database down');
        },
      ],
    ])('counts %s as %s', async (_, status, handle: () => unknown) => {
      await httpHandler({ handle })(apiGatewayV2Request({}), context());

      expect(onlyEmfLine(logs)).toMatchObject({ status, Invocations: 1 });
    });

    it('counts a failure of the wrapper itself (it rethrows) as error', async () => {
      jest.spyOn(logger, 'error').mockImplementation(() => {
        throw new Error('logger broken');
      });
      const handler = httpHandler({
        handle: () => {
          throw new Error('database down');
        },
      });

      await expect(handler(apiGatewayV2Request({}), context())).rejects.toThrow('logger broken');

      expect(onlyEmfLine(logs)).toMatchObject({ status: 'error', Invocations: 1 });
    });

    it('counts a request that fails its schema as badRequest', async () => {
      const handler = httpHandler({ schema: z.object({ id: z.string() }), handle: () => null });

      await handler(apiGatewayV2Request({ body: { id: 7 } }), context());

      expect(onlyEmfLine(logs)).toMatchObject({ status: 'badRequest', Invocations: 1 });
    });
  });

  describe('sqsHandler: records and failed records', () => {
    it('counts the records of a batch and those that failed; the invocation itself is success', async () => {
      const handler = sqsHandler<{ n: number }>({
        handle: ({ n }) => {
          if (n === 2) throw new Error('cannot process');
        },
      });
      const event = buildSqsEvent([{ body: { n: 1 } }, { body: { n: 2 } }, { body: { n: 3 } }]);

      await handler(event, context());

      expect(onlyEmfLine(logs)).toEqual({
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'Platform',
              Dimensions: DIMENSIONS,
              Metrics: count('Invocations', 'Records', 'FailedRecords'),
            },
          ],
        },
        service: 'orders',
        environment: 'test',
        function: 'orders-test-create-order',
        status: 'success',
        Invocations: 1,
        Records: 3,
        FailedRecords: 1,
      });
    });

    it('counts a rejected batch as an error invocation', async () => {
      const handler = sqsHandler({ handle: () => undefined });

      await expect(handler({ Records: 'nope' } as unknown as SQSEvent, context())).rejects.toThrow();

      expect(onlyEmfLine(logs)).toMatchObject({
        status: 'error',
        Invocations: 1,
        Records: 0,
        FailedRecords: 0,
      });
    });
  });

  describe('scheduleHandler: schedule failures', () => {
    const event = buildEventBridgeEvent({ detail: {} }) as EventBridgeEvent<string, unknown>;

    it('counts a run that returns as success with 0 failures', async () => {
      await scheduleHandler({ handle: () => undefined })(event, context());

      expect(onlyEmfLine(logs)).toMatchObject({ status: 'success', Invocations: 1, ScheduleFailures: 0 });
    });

    it.each([
      ['an unexpected error', new Error('table missing')],
      ['a ClientError', new NotFoundError('No report for that day')],
    ])('counts a run that throws %s as a schedule failure with status error', async (_, error) => {
      const handler = scheduleHandler({
        handle: () => {
          throw error;
        },
      });

      await expect(handler(event, context())).rejects.toThrow(error.message);

      expect(onlyEmfLine(logs)).toMatchObject({ status: 'error', Invocations: 1, ScheduleFailures: 1 });
    });
  });

  it('checks lines against the specification: the validator finds what it forbids', () => {
    expect(
      emfProblems({
        _aws: {
          Timestamp: 1,
          CloudWatchMetrics: [
            {
              Namespace: 'Platform',
              Dimensions: [['service']],
              Metrics: [{ Name: 'Invocations', Unit: 'Calls' }],
            },
          ],
        },
      }),
    ).toEqual([
      '_aws.CloudWatchMetrics.0.Metrics.0.Unit: Invalid option: expected one of "Seconds"|"Microseconds"|"Milliseconds"|"Bytes"|"Kilobytes"|"Megabytes"|"Gigabytes"|"Terabytes"|"Bits"|"Kilobits"|"Megabits"|"Gigabits"|"Terabits"|"Percent"|"Count"|"Bytes/Second"|"Kilobytes/Second"|"Megabytes/Second"|"Gigabytes/Second"|"Terabytes/Second"|"Bits/Second"|"Kilobits/Second"|"Megabits/Second"|"Gigabits/Second"|"Terabits/Second"|"Count/Second"|"None"',
    ]);
    expect(
      emfProblems({
        _aws: {
          Timestamp: 1,
          CloudWatchMetrics: [
            {
              Namespace: 'Platform',
              Dimensions: [['service']],
              Metrics: [{ Name: 'Invocations', Unit: 'Count' }],
            },
          ],
        },
        service: 7,
        Invocations: 'one',
      }),
    ).toEqual([
      'dimension "service" is not a string of 1-1024 characters at the root: 7',
      'metric "Invocations" has no numeric value at the root: "one"',
    ]);
  });

  it('reports "unknown" for a service, environment and function it cannot name, and no cold start when provisioned', async () => {
    const saved = { ...process.env };
    for (const name of ['SERVICE', 'POWERTOOLS_SERVICE_NAME', 'ENVIRONMENT', 'AWS_LAMBDA_FUNCTION_NAME']) {
      delete process.env[name];
    }
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'provisioned-concurrency';
    try {
      await jest.isolateModulesAsync(async () => {
        const fresh = await import('../../src/httpHandler');

        await fresh.httpHandler({ handle: () => 'ok' })(
          apiGatewayV2Request({}),
          createLambdaContext({ functionName: '' }),
        );
      });
    } finally {
      process.env = saved;
    }

    expect(onlyEmfLine(logs)).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [{ Namespace: 'Platform', Dimensions: DIMENSIONS, Metrics: count('Invocations') }],
      },
      service: 'unknown',
      environment: 'unknown',
      function: 'unknown',
      status: 'success',
      Invocations: 1,
    });
  });

  it('never fails the function when the metrics cannot be written', async () => {
    jest.spyOn(Metrics.prototype, 'publishStoredMetrics').mockImplementation(() => {
      throw new Error('stdout closed');
    });

    const response = await httpHandler({ handle: () => 'ok' })(apiGatewayV2Request({}), context());

    expect(response.statusCode).toBe(200);
    expect(logs.withMessage('Could not write the invocation metrics')).toEqual([
      expect.objectContaining({ level: 'WARN', error: 'Error: stdout closed' }),
    ]);
  });
});
