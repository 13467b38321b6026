import { messageSize } from '../../src';

describe('Function: messageSize', () => {
  it('counts the body in UTF-8 bytes', () => {
    expect(messageSize('abc')).toBe(3);
    expect(messageSize('€')).toBe(3);
  });

  it('adds each attribute name, data type and value', () => {
    const size = messageSize('body', {
      correlationId: { DataType: 'String', StringValue: 'req-1' }, // 13 + 6 + 5
      sig: { DataType: 'Binary', BinaryValue: new Uint8Array(10) }, // 3 + 6 + 10
    });

    expect(size).toBe(4 + 24 + 19);
  });
  it('counts an attribute without a data type by its name and value', () => {
    expect(messageSize('body', { k: { DataType: undefined, StringValue: 'v1' } })).toBe(4 + 1 + 2);
  });
});
