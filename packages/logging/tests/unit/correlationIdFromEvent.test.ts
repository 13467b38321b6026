import {
  apiGatewayV1Event,
  apiGatewayV1Request,
  apiGatewayV2Event,
  apiGatewayV2Request,
  buildEventBridgeEvent,
  buildSqsEvent,
  eventBridgeEvent,
  snsEvent,
  sqsEvent,
  type SampleEventName,
  loadEvent,
} from '@platform/test-helpers';
import { correlationIdFromEvent } from '../../src/correlationIdFromEvent';
import { resolveCorrelationId } from '../../src/resolveCorrelationId';

describe('Function: correlationIdFromEvent', () => {
  describe('API Gateway', () => {
    it.each([['x-correlation-id'], ['X-Correlation-Id'], ['X-CORRELATION-ID']])(
      'reads the REST (v1) header %s, whatever its case',
      (header) => {
        expect(correlationIdFromEvent(apiGatewayV1Request({ headers: { [header]: 'c-v1' } }))).toBe('c-v1');
      },
    );

    it('reads the REST (v1) multi-value header when the single-value map lacks it', () => {
      const event = apiGatewayV1Event('apigw-rest-v1-proxy.aws-lambda-go');
      event.multiValueHeaders['X-Correlation-ID'] = ['c-multi'];

      expect(correlationIdFromEvent(event)).toBe('c-multi');
    });

    it('reads the HTTP API (v2) header', () => {
      expect(correlationIdFromEvent(apiGatewayV2Request({ headers: { 'X-Correlation-Id': 'c-v2' } }))).toBe(
        'c-v2',
      );
    });

    it('finds nothing in the real samples, which carry no correlation header', () => {
      expect(correlationIdFromEvent(apiGatewayV1Event())).toBeUndefined();
      expect(correlationIdFromEvent(apiGatewayV2Event('apigw-http-v2-proxy.sam-rendered'))).toBeUndefined();
    });

    it('copes with the null header maps of real REST events', () => {
      const event = { ...apiGatewayV1Event(), headers: null, multiValueHeaders: null };

      expect(correlationIdFromEvent(event)).toBeUndefined();
    });
  });

  describe('SQS', () => {
    it('reads the correlationId String message attribute of a record', () => {
      const [record] = buildSqsEvent([{ body: {}, correlationId: 'c-sqs' }]).Records;

      expect(correlationIdFromEvent(record)).toBe('c-sqs');
    });

    it('reads the record of a batch of one, and nothing from a larger batch', () => {
      expect(correlationIdFromEvent(buildSqsEvent([{ body: {}, correlationId: 'c-1' }]))).toBe('c-1');
      expect(
        correlationIdFromEvent(
          buildSqsEvent([
            { body: {}, correlationId: 'c-1' },
            { body: {}, correlationId: 'c-2' },
          ]),
        ),
      ).toBeUndefined();
    });

    it('finds nothing in real records without the attribute (other attributes present)', () => {
      for (const record of [
        ...sqsEvent().Records,
        ...sqsEvent('sqs-standard-message-attributes.aws-lambda-go').Records,
        ...sqsEvent('sqs-fifo-batch.derived-from-lambda-docs').Records,
      ]) {
        expect(correlationIdFromEvent(record)).toBeUndefined();
      }
    });

    it('reads the SNS message attribute from an SNS notification delivered to SQS (real envelope)', () => {
      const event = sqsEvent('sqs-fifo-sns-envelope.powertools-python');
      const record = event.Records[0]!;
      expect(correlationIdFromEvent(record)).toBeUndefined();
      const envelope = JSON.parse(record.body) as Record<string, unknown>;
      envelope.MessageAttributes = { correlationId: { Type: 'String', Value: 'c-sns-in-sqs' } };
      record.body = JSON.stringify(envelope, null, 2);

      expect(correlationIdFromEvent(record)).toBe('c-sns-in-sqs');
    });

    it('prefers the SQS attribute to the SNS envelope', () => {
      const record = sqsEvent('sqs-fifo-sns-envelope.powertools-python').Records[0]!;
      record.body = record.body.replace(
        '"Message"',
        '"MessageAttributes" : {"correlationId":{"Value":"c-sns"}},\n  "Message"',
      );
      record.messageAttributes = {
        correlationId: {
          stringValue: 'c-sqs',
          stringListValues: [],
          binaryListValues: [],
          dataType: 'String',
        },
      };

      expect(correlationIdFromEvent(record)).toBe('c-sqs');
    });

    it('ignores a body that only looks like an SNS envelope', () => {
      const [record] = buildSqsEvent([{ body: '{"Type" : "Notification", broken' }]).Records;

      expect(correlationIdFromEvent(record)).toBeUndefined();
    });
  });

  describe('SNS', () => {
    it('reads the correlationId message attribute of an SNS record (Value)', () => {
      const event = snsEvent();
      expect(correlationIdFromEvent(event)).toBeUndefined();
      event.Records[0]!.Sns.MessageAttributes.correlationId = { Type: 'String', Value: 'c-sns' };

      expect(correlationIdFromEvent(event)).toBe('c-sns');
      expect(correlationIdFromEvent(event.Records[0])).toBe('c-sns');
    });
  });

  describe('EventBridge', () => {
    it('reads detail.correlationId', () => {
      expect(correlationIdFromEvent(buildEventBridgeEvent({ detail: { correlationId: 'c-eb' } }))).toBe(
        'c-eb',
      );
    });

    it('finds nothing in the real scheduled and EC2 events', () => {
      expect(correlationIdFromEvent(eventBridgeEvent())).toBeUndefined();
      expect(correlationIdFromEvent(eventBridgeEvent('eventbridge-scheduled.sam-rendered'))).toBeUndefined();
      expect(
        correlationIdFromEvent(eventBridgeEvent('eventbridge-ec2-state-change.powertools-ts')),
      ).toBeUndefined();
    });
  });

  describe('invalid IDs and malformed events', () => {
    it.each([
      ['empty', ''],
      ['too long', 'a'.repeat(129)],
      ['with spaces', 'abc def'],
      ['with a newline', 'abc\n{"level":"ERROR"}'],
      ['with a comma (a repeated header)', 'a,b'],
      ['not a string', 42],
    ])('ignores an ID that is %s', (_case, value) => {
      expect(
        correlationIdFromEvent(buildEventBridgeEvent({ detail: { correlationId: value } })),
      ).toBeUndefined();
      expect(correlationIdFromEvent({ headers: { 'x-correlation-id': value } })).toBeUndefined();
    });

    it('accepts 128 characters of UUID-, ULID- and trace-style characters', () => {
      const id = `Root=1-66704cad-0fbaf1491365339d:a/b+c_d.e@f`.padEnd(128, 'x');

      expect(correlationIdFromEvent({ headers: { 'x-correlation-id': id } })).toBe(id);
    });

    it.each([[null], [undefined], ['text'], [42], [[]], [{}], [{ Records: [] }], [{ Records: 'x' }]])(
      'finds nothing in %p',
      (event) => {
        expect(correlationIdFromEvent(event)).toBeUndefined();
      },
    );

    it('finds nothing in any real sample event of the test helpers', () => {
      const names: SampleEventName[] = [
        'apigw-http-v2-proxy-jwt.powertools-ts',
        'apigw-rest-v1-proxy.sam-rendered',
        'sqs-fifo.lambda-docs',
        'sqs-standard-batch.sam-rendered',
      ];
      for (const name of names) expect(correlationIdFromEvent(loadEvent(name))).toBeUndefined();
    });
  });
});

describe('Function: resolveCorrelationId', () => {
  it('returns the ID the event carries', () => {
    expect(resolveCorrelationId(buildEventBridgeEvent({ detail: { correlationId: 'c-1' } }))).toBe('c-1');
  });

  it('generates a new UUID when the event carries none, or an invalid one', () => {
    const first = resolveCorrelationId(apiGatewayV2Event());
    const second = resolveCorrelationId({ headers: { 'x-correlation-id': 'not valid' } });

    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });
});
