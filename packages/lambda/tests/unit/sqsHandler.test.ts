import type { SQSEvent } from 'aws-lambda';
import { applyLogSettings, getCorrelationId, logger } from '@platform/logging';
import {
  apiGatewayV2Event,
  buildSqsEvent,
  captureLogs,
  createLambdaContext,
  snsEvent,
  sqsEvent,
  type LogCapture,
} from '@platform/test-helpers';
import * as v from 'valibot';
import { z } from 'zod';
import { UnexpectedEventError } from '../../src/errors';
import { skipped, success } from '../../src/responses';
import { sqsHandler } from '../../src/sqsHandler';
import type { SqsMessageContext } from '../../src/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// Waits `n` turns of the event loop: orders concurrent work without timers, so a stall on a loaded
// machine cannot reorder it (two timers of 1 and 20 ms can fire in either order after a 20 ms stall).
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};
const invoke = (handler: ReturnType<typeof sqsHandler>, event: unknown) =>
  handler(event as SQSEvent, createLambdaContext());
const failedIds = (response: { batchItemFailures: { itemIdentifier: string }[] }) =>
  response.batchItemFailures.map((failure) => failure.itemIdentifier);

const orderSchema = z.object({
  orderId: z.string(),
  status: z.enum(['CREATED', 'PAID']),
  amount: z.number(),
});

describe('Function: sqsHandler', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
    applyLogSettings({ level: 'INFO', sampleRate: 0 });
  });
  afterEach(() => logs.restore());

  describe('standard queues', () => {
    it('handles each record of a real batch and fails only the one whose body is not JSON', async () => {
      const event = sqsEvent('sqs-standard-batch.sam-rendered');
      const handle = jest.fn();

      const response = await invoke(sqsHandler({ handle }), event);

      expect(failedIds(response)).toEqual(['19dd0b57-b21e-4ac1-bd88-01bbb068cb7a']);
      expect(handle.mock.calls.map(([message]) => message)).toEqual([
        { orderId: 'ord-1001', status: 'CREATED', amount: 42.5 },
        { orderId: 'ord-1002', status: 'CREATED', amount: 13 },
      ]);
      expect(logs.lines.find((l) => l.level === 'WARN')).toMatchObject({
        message: 'Message rejected: Message body is not valid JSON',
        message_id: '19dd0b57-b21e-4ac1-bd88-01bbb068cb7a',
        correlation_id: expect.stringMatching(UUID),
      });
    });

    it('gives the domain function plain message context, never the record', async () => {
      const contexts: SqsMessageContext[] = [];
      const event = sqsEvent('sqs-standard-message-attributes.aws-lambda-go');
      event.Records[0]!.body = '{"n":1}';

      await invoke(sqsHandler({ handle: (_message, context) => void contexts.push(context) }), event);

      expect(contexts).toEqual([
        {
          messageId: 'MessageID_1',
          correlationId: expect.stringMatching(UUID),
          receiveCount: 2,
          messageGroupId: undefined,
          attributes: { Attribute1: 'AttributeValue1', Attribute2: '123' },
        },
      ]);
    });

    it('validates each message with a zod schema: invalid ones fail with their field errors logged', async () => {
      const handle = jest.fn((message: z.infer<typeof orderSchema>) => message.amount.toFixed(2));
      const event = buildSqsEvent([
        { body: { orderId: 'o-1', status: 'PAID', amount: 3 }, messageId: 'good' },
        { body: { orderId: 'o-2', status: 'LOST', amount: '3' }, messageId: 'bad' },
      ]);

      const response = await invoke(sqsHandler({ schema: orderSchema, handle }), event);

      expect(failedIds(response)).toEqual(['bad']);
      expect(handle).toHaveBeenCalledTimes(1);
      expect(logs.lines.find((l) => l.message === 'Message rejected: Message is invalid')).toMatchObject({
        message_id: 'bad',
        data: {
          errors: [
            { field: 'message.status', message: expect.any(String) },
            { field: 'message.amount', message: expect.any(String) },
          ],
        },
      });
    });

    it('validates with a valibot schema and passes its output', async () => {
      const schema = v.object({ n: v.pipe(v.string(), v.transform(Number)) });
      const seen: number[] = [];

      const response = await invoke(
        sqsHandler({ schema, handle: ({ n }) => void seen.push(n + 1) }),
        buildSqsEvent([{ body: { n: '41' } }, { body: { n: 41 }, messageId: 'bad' }]),
      );

      expect(seen).toEqual([42]);
      expect(failedIds(response)).toEqual(['bad']);
    });

    it('fails only the records whose domain function throws, and logs the error with its stack', async () => {
      const event = buildSqsEvent([
        { body: { n: 1 }, messageId: 'm-1' },
        { body: { n: 2 }, messageId: 'm-2', correlationId: 'c-2' },
        { body: { n: 3 }, messageId: 'm-3' },
      ]);
      const handler = sqsHandler({
        handle: async ({ n }: { n: number }) => {
          if (n === 2) throw new Error('payment service down');
        },
      });

      const response = await invoke(handler, event);

      expect(failedIds(response)).toEqual(['m-2']);
      expect(logs.lines.find((l) => l.level === 'ERROR')).toMatchObject({
        message: 'Message processing failed',
        message_id: 'm-2',
        correlation_id: 'c-2',
        error: { message: 'payment service down', stack: expect.stringContaining('at ') },
      });
      expect(logs.withMessage('Batch processed with failed records')[0]).toMatchObject({
        records: 3,
        failed_message_ids: ['m-2'],
      });
    });

    it('reports a batch whose records all fail instead of throwing', async () => {
      const event = sqsEvent('sqs-standard-batch.powertools-ts');
      event.Records[1]!.body = '{"message": "foo1"';

      const response = await invoke(sqsHandler({ handle: jest.fn() }), event);

      expect(failedIds(response)).toEqual([
        '059f36b4-87a3-44ab-83d2-661975830a7d',
        '2e1424d4-f796-459a-8184-9c92662be6da',
      ]);
    });

    it('returns no failures when every record succeeds, and none for an empty batch', async () => {
      const handler = sqsHandler({ handle: jest.fn() });

      expect(await invoke(handler, buildSqsEvent([{ body: {} }, { body: [] }]))).toEqual({
        batchItemFailures: [],
      });
      expect(await invoke(handler, { Records: [] })).toEqual({ batchItemFailures: [] });
    });

    it('logs a batch without failures at DEBUG with its record count, and no warning', async () => {
      const handler = sqsHandler({ handle: jest.fn(), logSettings: () => ({ level: 'DEBUG' }) });

      await invoke(handler, buildSqsEvent([{ body: {} }, { body: {} }]));

      expect(logs.withMessage('Batch processed')).toEqual([
        expect.objectContaining({ level: 'DEBUG', records: 2 }),
      ]);
      expect(logs.lines.filter((l) => l.level === 'WARN')).toEqual([]);
    });

    it('logs a skipped message and keeps it out of batchItemFailures, so it is deleted, not retried', async () => {
      const handler = sqsHandler({
        handle: ({ kind }: { kind: string }) => {
          if (kind === 'dup') return skipped('Duplicate order');
          if (kind === 'bad') throw new Error('cannot process');
          return undefined;
        },
      });

      const response = await invoke(
        handler,
        buildSqsEvent([
          { body: { kind: 'dup' }, messageId: 'm-dup' },
          { body: { kind: 'bad' }, messageId: 'm-bad' },
          { body: { kind: 'ok' }, messageId: 'm-ok' },
        ]),
      );

      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
      expect(logs.withMessage('Message skipped: Duplicate order')[0]).toMatchObject({
        level: 'INFO',
        message_id: 'm-dup',
      });
    });

    it('logs nothing for a message whose domain function returns success()', async () => {
      const handler = sqsHandler({ handle: () => success({ shipped: true }) });

      const response = await invoke(handler, buildSqsEvent([{ body: {}, messageId: 'm-ok' }]));

      expect(response).toEqual({ batchItemFailures: [] });
      // Only the metrics line (EMF, no message).
      expect(logs.lines.filter((l) => 'message' in l)).toEqual([]);
    });

    it('goes on with the rest of a FIFO group after a skipped message', async () => {
      const handled: string[] = [];
      const handler = sqsHandler({
        handle: ({ n }: { n: number }, { messageId }) => {
          handled.push(messageId);
          return n === 1 ? skipped('Already shipped') : undefined;
        },
      });

      const response = await invoke(
        handler,
        buildSqsEvent(
          [1, 2, 3].map((n) => ({ body: { n }, messageId: `f-${n}`, messageGroupId: 'order-7' })),
        ),
      );

      expect(response).toEqual({ batchItemFailures: [] });
      expect(handled).toEqual(['f-1', 'f-2', 'f-3']);
    });
  });

  describe('correlation IDs', () => {
    it('gives each record its own correlation ID: from its attribute, else generated', async () => {
      const seen: Record<string, [string | undefined, string]> = {};
      const handler = sqsHandler({
        handle: (_message, context) => {
          seen[context.messageId] = [getCorrelationId(), context.correlationId];
        },
      });

      await invoke(
        handler,
        buildSqsEvent([
          { body: {}, messageId: 'a', correlationId: 'c-a' },
          { body: {}, messageId: 'b' },
          { body: {}, messageId: 'c' },
        ]),
      );

      expect(seen.a).toEqual(['c-a', 'c-a']);
      expect(seen.b![0]).toMatch(UUID);
      expect(seen.b![0]).toBe(seen.b![1]);
      expect(new Set([seen.a![0], seen.b![0], seen.c![0]]).size).toBe(3);
    });

    it('keeps each record’s correlation ID and message ID on its log lines while records run concurrently', async () => {
      const handler = sqsHandler({
        handle: async ({ delay }: { delay: number }) => {
          logger.info('start');
          await turns(delay);
          logger.info('end');
        },
      });

      await invoke(
        handler,
        buildSqsEvent([
          { body: { delay: 2 }, messageId: 'slow', correlationId: 'c-slow' },
          { body: { delay: 1 }, messageId: 'fast', correlationId: 'c-fast' },
        ]),
      );

      expect(
        logs.lines
          .filter((l) => l.message === 'start' || l.message === 'end')
          .map((l) => `${l.message}:${l.message_id}:${l.correlation_id}`),
      ).toEqual(['start:slow:c-slow', 'start:fast:c-fast', 'end:fast:c-fast', 'end:slow:c-slow']);
    });

    it('processes records one after the other with processInParallel: false', async () => {
      const order: string[] = [];
      const handler = sqsHandler({
        processInParallel: false,
        handle: async ({ delay }: { delay: number }, { messageId }) => {
          await turns(delay);
          order.push(messageId);
        },
      });

      await invoke(
        handler,
        buildSqsEvent([
          { body: { delay: 2 }, messageId: 'first' },
          { body: { delay: 1 }, messageId: 'second' },
        ]),
      );

      expect(order).toEqual(['first', 'second']);
    });

    it('injects the Lambda context into every line', async () => {
      const context = createLambdaContext();

      await sqsHandler({ handle: () => logger.info('working') })(buildSqsEvent([{ body: {} }]), context);

      expect(logs.withMessage('working')[0]).toMatchObject({
        function_request_id: context.awsRequestId,
        function_name: context.functionName,
        cold_start: expect.any(Boolean),
      });
    });
  });

  describe('FIFO queues', () => {
    it('handles a real FIFO batch in order and fails the rest of a message group after a failure', async () => {
      const event = sqsEvent('sqs-fifo-batch.derived-from-lambda-docs');
      const handled: string[] = [];
      const handler = sqsHandler({
        handle: async (message: { orderId: string; event: string }) => {
          await turns(message.event === 'CREATED' ? 2 : 0);
          handled.push(`${message.orderId}:${message.event}`);
          if (message.orderId === 'order-1001' && message.event === 'PAID') throw new Error('cannot pay');
        },
      });

      const response = await invoke(handler, event);

      // order-1001: CREATED ok, PAID fails, SHIPPED is not attempted; order-1002 goes on.
      expect(handled).toEqual(['order-1001:CREATED', 'order-1001:PAID', 'order-1002:CREATED']);
      expect(failedIds(response)).toEqual([
        '11d6ee51-4cc7-4302-9e22-7cd8afdaadf6',
        '11d6ee51-4cc7-4302-9e22-7cd8afdaadf8',
      ]);
    });

    it('fails the rest of the group when a FIFO message is malformed', async () => {
      const event = buildSqsEvent(
        [
          { body: 'not json', messageId: 'g1-a', messageGroupId: 'g1' },
          { body: {}, messageId: 'g2-a', messageGroupId: 'g2' },
          { body: {}, messageId: 'g1-b', messageGroupId: 'g1' },
        ],
        { fifo: true },
      );
      const handle = jest.fn();

      const response = await invoke(sqsHandler({ handle }), event);

      expect(failedIds(response)).toEqual(['g1-a', 'g1-b']);
      expect(handle.mock.calls.map(([, context]) => (context as SqsMessageContext).messageId)).toEqual([
        'g2-a',
      ]);
    });

    it('reports a FIFO batch whose records all fail instead of throwing', async () => {
      const event = buildSqsEvent(
        [
          { body: 'not json', messageId: 'g1-a', messageGroupId: 'g1' },
          { body: 'not json', messageId: 'g2-a', messageGroupId: 'g2' },
        ],
        { fifo: true },
      );

      const response = await invoke(sqsHandler({ handle: jest.fn() }), event);

      expect(failedIds(response)).toEqual(['g1-a', 'g2-a']);
    });

    it('passes the message group to the domain function', async () => {
      const groups: (string | undefined)[] = [];

      // The sample's body is plain text; give it a JSON one.
      const event = sqsEvent('sqs-fifo.lambda-docs');
      event.Records[0]!.body = '{}';
      await invoke(sqsHandler({ handle: (_m, context) => void groups.push(context.messageGroupId) }), event);

      expect(groups).toEqual(['1']);
    });
  });

  describe('SNS notifications delivered to SQS', () => {
    it('passes the SNS message, and takes the correlation ID from the SNS attributes (real envelope)', async () => {
      const event = sqsEvent('sqs-fifo-sns-envelope.powertools-python');
      const envelope = JSON.parse(event.Records[0]!.body) as Record<string, unknown>;
      envelope.MessageAttributes = { correlationId: { Type: 'String', Value: 'c-from-sns' } };
      event.Records[0]!.body = JSON.stringify(envelope);
      const calls: [unknown, string][] = [];

      const response = await invoke(
        sqsHandler({
          snsEnvelope: true,
          handle: (message, context) => void calls.push([message, context.correlationId]),
        }),
        event,
      );

      expect(response.batchItemFailures).toEqual([]);
      expect(calls).toEqual([[{ message: 'hello world', username: 'lessa' }, 'c-from-sns']]);
    });

    it('fails a record that is not an SNS envelope, or whose SNS message is not JSON', async () => {
      const event = buildSqsEvent([
        { body: { orderId: 'o-1' }, messageId: 'raw' },
        { body: { Type: 'Notification', Message: 'plain text' }, messageId: 'text' },
      ]);

      const response = await invoke(sqsHandler({ snsEnvelope: true, handle: jest.fn() }), event);

      expect(failedIds(response)).toEqual(['raw', 'text']);
      expect(logs.lines.filter((l) => l.level === 'WARN').map((l) => l.message)).toEqual(
        expect.arrayContaining([
          'Message rejected: Message body is not an SNS notification (set snsEnvelope: false for raw delivery)',
          'Message rejected: SNS message is not valid JSON',
        ]),
      );
    });
  });

  describe('malformed events', () => {
    it.each([
      ['null', null],
      ['an object without Records', {}],
      ['Records that is not an array', { Records: 'x' }],
      ['an API Gateway event', apiGatewayV2Event()],
      ['an SNS event', snsEvent()],
      ['a record without messageId', { Records: [{ ...sqsEvent().Records[0], messageId: undefined }] }],
      ['a null record', { Records: [null] }],
    ])('fails the invocation for %s (nothing to report per record) and logs why', async (_case, event) => {
      const handle = jest.fn();

      await expect(invoke(sqsHandler({ handle }), event)).rejects.toThrow(UnexpectedEventError);
      expect(handle).not.toHaveBeenCalled();
      expect(logs.withMessage('Batch rejected')[0]!.error).toMatchObject({
        name: 'UnexpectedEventError',
        message: expect.stringMatching(/^sqsHandler: expected an SQS event/),
      });
    });

    it('fails a record whose body is not a string instead of crashing the batch', async () => {
      const event = buildSqsEvent([
        { body: {}, messageId: 'ok' },
        { body: {}, messageId: 'no-body' },
      ]);
      (event.Records[1] as { body: unknown }).body = undefined;

      const response = await invoke(sqsHandler({ handle: jest.fn() }), event);

      expect(failedIds(response)).toEqual(['no-body']);
      expect(logs.lines.find((l) => l.message_id === 'no-body')!.message).toBe(
        'Message rejected: Message body is not valid JSON: it is undefined',
      );
    });
  });
});
