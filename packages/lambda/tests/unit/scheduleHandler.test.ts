import type { EventBridgeEvent } from 'aws-lambda';
import { applyLogSettings, getCorrelationId, logger } from '@platform/logging';
import {
  apiGatewayV1Event,
  buildEventBridgeEvent,
  captureLogs,
  createLambdaContext,
  eventBridgeEvent,
  sqsEvent,
  type LogCapture,
} from '@platform/test-helpers';
import * as v from 'valibot';
import { z } from 'zod';
import { BadRequestError, UnexpectedEventError } from '../../src/errors';
import { skipped } from '../../src/responses';
import { scheduleHandler } from '../../src/scheduleHandler';
import type { ScheduleInput } from '../../src/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const invoke = (handler: ReturnType<typeof scheduleHandler>, event: unknown) =>
  handler(event as EventBridgeEvent<string, unknown>, createLambdaContext());

describe('Function: scheduleHandler', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
    applyLogSettings({ level: 'INFO', sampleRate: 0 });
  });
  afterEach(() => logs.restore());

  it('gives the domain function plain input from a real scheduled event and returns the standard response', async () => {
    const handle = jest.fn((_input: ScheduleInput) => ({ purged: 3 }));

    const response = await invoke(scheduleHandler({ handle }), eventBridgeEvent());

    expect(handle.mock.calls[0]![0]).toEqual({
      id: 'cdc73f9d-aea9-11e3-9d5a-835b769c0d9c',
      time: new Date('2019-03-01T01:23:45Z'),
      source: 'aws.events',
      detailType: 'Scheduled Event',
      resources: ['arn:aws:events:us-east-2:123456789012:rule/my-schedule'],
      detail: {},
    });
    expect(response).toEqual({ status: 'success', message: 'OK', data: { purged: 3 } });
  });

  it('handles the SAM-rendered scheduled event and a generic EventBridge event', async () => {
    const seen: string[] = [];
    const handler = scheduleHandler({
      handle: ({ detailType, time }) => void seen.push(`${detailType}@${time.toISOString()}`),
    });

    await invoke(handler, eventBridgeEvent('eventbridge-scheduled.sam-rendered'));
    await invoke(handler, eventBridgeEvent('eventbridge-ec2-state-change.powertools-ts'));

    expect(seen).toEqual([
      'Scheduled Event@1970-01-01T00:00:00.000Z',
      'EC2 Instance State-change Notification@2017-12-22T18:43:48.000Z',
    ]);
  });

  it('logs the event at DEBUG: its ID, detail type and source', async () => {
    const handler = scheduleHandler({ handle: () => undefined, logSettings: () => ({ level: 'DEBUG' }) });

    await invoke(handler, eventBridgeEvent());

    expect(logs.withMessage('Scheduled event')).toEqual([
      expect.objectContaining({
        level: 'DEBUG',
        event_id: 'cdc73f9d-aea9-11e3-9d5a-835b769c0d9c',
        detail_type: 'Scheduled Event',
        source: 'aws.events',
      }),
    ]);
  });

  it('returns a response the domain built', async () => {
    const response = await invoke(
      scheduleHandler({ handle: () => skipped('Nothing to purge') }),
      eventBridgeEvent(),
    );

    expect(response).toEqual({ status: 'skipped', message: 'Nothing to purge', data: null });
  });

  it('runs under detail.correlationId, else a generated one, with the Lambda context on every line', async () => {
    const seen: (string | undefined)[] = [];
    const handler = scheduleHandler({
      handle: () => {
        seen.push(getCorrelationId());
        logger.info('Purging');
      },
    });
    const context = createLambdaContext();

    await handler(
      buildEventBridgeEvent({
        detail: { correlationId: 'c-eb' },
        detailType: 'OrderPlaced',
        source: 'orders',
      }),
      context,
    );
    await invoke(handler, eventBridgeEvent());

    expect(seen[0]).toBe('c-eb');
    expect(seen[1]).toMatch(UUID);
    expect(logs.withMessage('Purging')[0]).toMatchObject({
      correlation_id: 'c-eb',
      function_request_id: context.awsRequestId,
    });
  });

  it('validates the detail with a zod or valibot schema and passes the typed output', async () => {
    const fromZod = scheduleHandler({
      schema: z.object({ instance_id: z.string(), state: z.enum(['running', 'terminated']) }),
      handle: ({ detail }) => detail.instance_id.toUpperCase(),
    });
    const fromValibot = scheduleHandler({
      schema: v.object({ state: v.string() }),
      handle: ({ detail }) => detail.state.length,
    });
    const event = eventBridgeEvent('eventbridge-ec2-state-change.powertools-ts');

    expect((await invoke(fromZod, event)).data).toBe('I-1234567890ABCDEF0');
    expect((await invoke(fromValibot, event)).data).toBe(10);
  });

  it('fails the invocation with the field errors when the detail is invalid, and logs a warning', async () => {
    const handle = jest.fn();
    const handler = scheduleHandler({ schema: z.object({ batchSize: z.number() }), handle });

    const result = invoke(handler, eventBridgeEvent());

    await expect(result).rejects.toThrow(BadRequestError);
    await expect(result).rejects.toMatchObject({
      message: 'Event detail is invalid',
      data: { errors: [{ field: 'detail.batchSize', message: expect.any(String) }] },
    });
    expect(handle).not.toHaveBeenCalled();
    expect(logs.lines.find((l) => l.level === 'WARN')).toMatchObject({
      message: 'Event rejected: Event detail is invalid',
      data: { errors: [{ field: 'detail.batchSize', message: expect.any(String) }] },
    });
  });

  it('rethrows a domain error, so Lambda retries the invocation, after logging it with its stack', async () => {
    const error = new Error('warehouse API timed out');
    const handler = scheduleHandler({
      handle: async () => {
        throw error;
      },
    });

    await expect(invoke(handler, eventBridgeEvent())).rejects.toBe(error);
    expect(logs.lines.find((l) => l.level === 'ERROR')).toMatchObject({
      message: 'Scheduled invocation failed',
      error: { message: 'warehouse API timed out', stack: expect.stringContaining('at ') },
    });
  });

  it.each([
    ['null', null, 'received null'],
    ['a string', 'tick', 'received a string'],
    ['an array', [], 'received an array'],
    ['an SQS event', sqsEvent(), '"id" is undefined'],
    ['an API Gateway event', apiGatewayV1Event(), '"id" is undefined'],
    [
      'an event without detail-type',
      { ...eventBridgeEvent(), 'detail-type': undefined },
      '"detail-type" is undefined',
    ],
    [
      'an event with a bad time',
      { ...eventBridgeEvent(), time: 'yesterday' },
      '"time" is not a date: yesterday',
    ],
  ])('fails the invocation for %s, which is not an EventBridge event', async (_case, event, problem) => {
    const handle = jest.fn();

    await expect(invoke(scheduleHandler({ handle }), event)).rejects.toThrow(UnexpectedEventError);
    await expect(invoke(scheduleHandler({ handle }), event)).rejects.toThrow(
      `scheduleHandler: expected an EventBridge event (scheduled or from a rule), but ${problem}.`,
    );
    expect(handle).not.toHaveBeenCalled();
  });

  it('passes only the string resources', async () => {
    const handle = jest.fn((_input: ScheduleInput) => undefined);

    await invoke(scheduleHandler({ handle }), {
      ...eventBridgeEvent(),
      resources: ['arn:a', 7, null, 'arn:b'],
    });

    expect(handle.mock.calls[0]![0].resources).toEqual(['arn:a', 'arn:b']);
  });

  it('treats a missing detail as {} and missing resources as []', async () => {
    const handle = jest.fn((_input: ScheduleInput) => undefined);
    const { detail: _detail, resources: _resources, ...event } = eventBridgeEvent();

    await invoke(scheduleHandler({ handle }), event);

    expect(handle.mock.calls[0]![0]).toMatchObject({ detail: {}, resources: [] });
  });
});
