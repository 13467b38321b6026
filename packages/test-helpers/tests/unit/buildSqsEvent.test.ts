import { createHash } from 'node:crypto';
import { buildSqsEvent } from '../../src/buildSqsEvent';

describe('Function: buildSqsEvent', () => {
  it('builds standard records from the real sample with bodies, attributes and a correct md5', () => {
    const event = buildSqsEvent([
      { body: { orderId: 'o-1' }, messageId: 'm-1', correlationId: 'c-1', receiveCount: 3 },
      { body: 'plain text', attributes: { tenant: 'acme' } },
    ]);

    const [first, second] = event.Records;
    expect(first).toMatchObject({
      messageId: 'm-1',
      body: '{"orderId":"o-1"}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:orders-queue',
      md5OfBody: createHash('md5').update('{"orderId":"o-1"}').digest('hex'),
      messageAttributes: { correlationId: { stringValue: 'c-1', dataType: 'String' } },
    });
    expect(first!.attributes.ApproximateReceiveCount).toBe('3');
    expect(first!.attributes.MessageGroupId).toBeUndefined();
    expect(second!.body).toBe('plain text');
    expect(second!.messageAttributes).toEqual({
      tenant: { stringValue: 'acme', stringListValues: [], binaryListValues: [], dataType: 'String' },
    });
    expect(second!.messageId).not.toBe(first!.messageId);
  });

  it('builds FIFO records with groups, dedup ids and increasing sequence numbers', () => {
    const event = buildSqsEvent(
      [
        { body: 'a', messageGroupId: 'g-1' },
        { body: 'b', messageGroupId: 'g-2' },
      ],
      { fifo: true },
    );

    const [first, second] = event.Records;
    expect(first!.eventSourceARN).toMatch(/\.fifo$/);
    expect(first!.attributes.MessageGroupId).toBe('g-1');
    expect(second!.attributes.MessageGroupId).toBe('g-2');
    expect(first!.attributes.MessageDeduplicationId).toBe(first!.messageId);
    expect(BigInt(second!.attributes.SequenceNumber!)).toBe(BigInt(first!.attributes.SequenceNumber!) + 1n);
  });
});
