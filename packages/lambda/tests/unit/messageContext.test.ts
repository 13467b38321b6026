import type { SQSRecord } from 'aws-lambda';
import { messageContext, readSqsMessage } from '../../src/readSqsMessage';

const record = (fields: object) =>
  ({ eventSource: 'aws:sqs', messageId: 'm-1', body: '{}', ...fields }) as unknown as SQSRecord;

describe('Function: messageContext', () => {
  it('gives the message ID, receive count, group and the string attributes', () => {
    const context = messageContext(
      record({
        attributes: { ApproximateReceiveCount: '3', MessageGroupId: 'g-1' },
        messageAttributes: {
          tenant: { stringValue: 't-1', dataType: 'String' },
          blob: { binaryValue: 'AAE=', dataType: 'Binary' },
          empty: null,
        },
      }),
      'c-1',
    );

    expect(context).toEqual({
      messageId: 'm-1',
      correlationId: 'c-1',
      receiveCount: 3,
      messageGroupId: 'g-1',
      attributes: { tenant: 't-1' },
    });
  });

  it.each([
    ['no attributes', {}],
    ['no receive count', { attributes: {} }],
    ['a receive count that is not a number', { attributes: { ApproximateReceiveCount: 'many' } }],
  ])('leaves the receive count undefined for %s', (_case, fields) => {
    expect(messageContext(record(fields), 'c-1')).toEqual({
      messageId: 'm-1',
      correlationId: 'c-1',
      receiveCount: undefined,
      messageGroupId: undefined,
      attributes: {},
    });
  });
});

describe('Function: readSqsMessage', () => {
  const raw = { schema: undefined, snsEnvelope: false };
  const sns = { schema: undefined, snsEnvelope: true };

  it('parses the JSON body, or the SNS message inside it', async () => {
    await expect(readSqsMessage(record({ body: '{"n":1}' }), raw)).resolves.toEqual({ n: 1 });
    await expect(
      readSqsMessage(record({ body: JSON.stringify({ Type: 'Notification', Message: '[2]' }) }), sns),
    ).resolves.toEqual([2]);
  });

  it.each([
    ['null', 'null'],
    ['another SNS type', JSON.stringify({ Type: 'SubscriptionConfirmation', Message: '{}' })],
    ['a Message that is not a string', JSON.stringify({ Type: 'Notification', Message: { n: 1 } })],
  ])('refuses a body that is %s when an SNS envelope is expected', async (_case, body) => {
    await expect(readSqsMessage(record({ body }), sns)).rejects.toThrow(
      'Message body is not an SNS notification (set snsEnvelope: false for raw delivery)',
    );
  });
});
