import type { SQSRecord } from 'aws-lambda';
import { isFifoBatch, readSqsRecords } from '../../src/readSqsMessage';
import { typeName } from '../../src/typeName';

const expected = 'sqsHandler: expected an SQS event ({ Records: [...] } with "aws:sqs" records), but';
const record = (fields: object) => ({ eventSource: 'aws:sqs', messageId: 'm-1', ...fields });

describe('Function: readSqsRecords', () => {
  it.each([
    [null, `${expected} received null without a "Records" array. Check the trigger wired to this function.`],
    [
      'text',
      `${expected} received a string without a "Records" array. Check the trigger wired to this function.`,
    ],
    [
      { Records: {} },
      `${expected} received an object without a "Records" array. Check the trigger wired to this function.`,
    ],
    [
      { Records: [record({}), record({ eventSource: 'aws:sns' })] },
      `${expected} record 1 has eventSource aws:sns. Check the trigger wired to this function.`,
    ],
    [
      { Records: [record({ messageId: '' })] },
      `${expected} record 0 has no messageId. Check the trigger wired to this function.`,
    ],
  ])('refuses %p, saying why', (event, message) => {
    expect(() => readSqsRecords(event)).toThrow(message);
  });

  it('returns the records of an SQS event', () => {
    const records = [record({}), record({ messageId: 'm-2' })];

    expect(readSqsRecords({ Records: records })).toBe(records);
  });
});

describe('Function: isFifoBatch', () => {
  const of = (fields: object) => [record(fields) as unknown as SQSRecord];

  it('knows a FIFO batch by its group ID or by the queue ARN', () => {
    expect(isFifoBatch(of({ attributes: { MessageGroupId: 'g' } }))).toBe(true);
    expect(isFifoBatch(of({ attributes: {}, eventSourceARN: 'arn:aws:sqs:eu-west-1:1:orders.fifo' }))).toBe(
      true,
    );
    expect(isFifoBatch(of({ attributes: {}, eventSourceARN: 'arn:aws:sqs:eu-west-1:1:orders' }))).toBe(false);
    expect(isFifoBatch(of({}))).toBe(false);
    expect(isFifoBatch([])).toBe(false);
  });
});

describe('Function: typeName', () => {
  it('names the kind of a value', () => {
    expect([undefined, null, [1], { a: 1 }, 'x', 1].map(typeName)).toEqual([
      'undefined',
      'null',
      'an array',
      'an object',
      'a string',
      'a number',
    ]);
  });
});
