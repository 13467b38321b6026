import { prepareEntries } from '../../src/prepareEntries';
import type { QueueMessage } from '../../src';

const standard = { fifo: false, maxBytes: 262_144, correlationId: undefined };
const fifo = { fifo: true, maxBytes: 262_144, correlationId: undefined };
const prepare = (item: unknown, context = standard) => prepareEntries([item as QueueMessage], context);

describe('Function: prepareEntries', () => {
  it('builds the batch entry with only the fields the message has', () => {
    expect(prepare({ body: 'x', delaySeconds: 0 })[0]).toStrictEqual({
      index: 0,
      id: '0',
      item: { body: 'x', delaySeconds: 0 },
      entry: { MessageBody: 'x', DelaySeconds: 0 },
      size: 1,
    });
    expect(prepare({ id: 'o-1', body: 'x', groupId: 'g', deduplicationId: 'd' }, fifo)[0]).toStrictEqual({
      index: 0,
      id: 'o-1',
      item: { id: 'o-1', body: 'x', groupId: 'g', deduplicationId: 'd' },
      entry: { MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' },
      size: 1,
      groupId: 'g',
    });
  });

  it.each([
    [null, 'Message #0: expected an object like { body: ... }'],
    [42, 'Message #0: expected an object like { body: ... }'],
    [{ id: '', body: 'x' }, 'Message #0: id must be a non-empty string'],
    [{ id: 7, body: 'x' }, 'Message #0: id must be a non-empty string'],
    [{ body: null }, 'Message #0: body is missing'],
    [{ body: 'x', groupId: 5 }, 'Message #0: groupId must be a string of 1-128 characters'],
    [{ body: 'x', groupId: '' }, 'Message #0: groupId must be a string of 1-128 characters'],
    [{ body: 'x', groupId: 'g'.repeat(129) }, 'Message #0: groupId must be a string of 1-128 characters'],
    [
      { body: 'x', delaySeconds: -1 },
      'Message #0: delaySeconds -1 is out of range; use a whole number from 0 to 900',
    ],
    [
      { body: 'x', delaySeconds: 901 },
      'Message #0: delaySeconds 901 is out of range; use a whole number from 0 to 900',
    ],
    [{ body: 'x', correlationId: '' }, 'Message #0: correlationId must be a non-empty string'],
    [{ body: 'x', correlationId: 7 }, 'Message #0: correlationId must be a non-empty string'],
    [
      { body: 'x', attributes: { k: { StringValue: 'v' } } },
      'Message #0: attribute "k" must be a string, a number, a Uint8Array or an SQS MessageAttributeValue',
    ],
    [
      { body: 'x', attributes: { k: null } },
      'Message #0: attribute "k" must be a string, a number, a Uint8Array or an SQS MessageAttributeValue',
    ],
  ])('refuses %p', (item, message) => {
    expect(() => prepare(item)).toThrow(message);
  });

  it('accepts the limits themselves', () => {
    const tenAttributes = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`a${i}`, 'v']));

    expect(prepare({ body: 'x', groupId: 'g'.repeat(128), delaySeconds: 900 })[0]?.entry.DelaySeconds).toBe(
      900,
    );
    expect(
      Object.keys(
        prepare({ body: 'x', attributes: tenAttributes, correlationId: 'c' })[0]?.entry.MessageAttributes ??
          {},
      ),
    ).toHaveLength(10);
    expect(
      prepare({ body: 'x', attributes: { raw: { DataType: 'String', StringValue: 'v' } } })[0]?.entry
        .MessageAttributes,
    ).toStrictEqual({ raw: { DataType: 'String', StringValue: 'v' } });
  });

  describe('attribute names', () => {
    const named = (name: string) => () => prepare({ body: 'x', attributes: { [name]: 'v' } });

    it.each([
      ['.lead'],
      ['trail.'],
      ['dou..ble'],
      ['sp ace'],
      ['a!'],
      ['!a'],
      ['é'],
      ['n'.repeat(257)],
      ['AWS.x'],
      ['amazon.x'],
    ])('refuses %p', (name) => {
      expect(named(name)).toThrow(`attribute name "${name}" is not allowed`);
    });

    it.each([['a.b-c_1'], ['x.aws.y'], ['n'.repeat(256)]])('accepts %p', (name) => {
      expect(named(name)()[0]?.entry.MessageAttributes).toStrictEqual({
        [name]: { DataType: 'String', StringValue: 'v' },
      });
    });

    it('says which characters are allowed', () => {
      expect(named('a b')).toThrow(
        'Message #0: attribute name "a b" is not allowed: use letters, digits, "_", "-" and "." (not first, last or doubled), ' +
          'at most 256 characters, not starting with "AWS." or "Amazon."',
      );
    });
  });
});
