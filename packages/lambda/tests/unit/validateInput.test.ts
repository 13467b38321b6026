import { BadRequestError } from '../../src/errors';
import { isStandardSchema, type StandardSchemaV1 } from '../../src/standardSchema';
import { validateInput, validateOrThrow } from '../../src/validateInput';

/** A Standard Schema that reports the given issues, or passes the value through (doubled) when there are none. */
function schemaWith(issues?: StandardSchemaV1.Issue[]): StandardSchemaV1<unknown, unknown> {
  return {
    '~standard': {
      version: 1,
      vendor: 'test',
      validate: (value) => (issues ? { issues } : { value: [value, value] }),
    },
  };
}

describe('Function: validateInput', () => {
  it('gives the schema output when there are no issues', async () => {
    await expect(validateInput(schemaWith(), 'x', 'body')).resolves.toEqual({ value: ['x', 'x'] });
  });

  it('names each issue by location and path: keys with dots, indexes in brackets, path segments or plain keys', async () => {
    const schema = schemaWith([
      { message: 'Required', path: ['lines', { key: 0 }, 'quantity'] },
      { message: 'Too long', path: [{ key: 'note' }, 2] },
      { message: 'Bad symbol', path: [Symbol('s')] },
      { message: 'Whole value' },
      { message: 'Empty path', path: [] },
    ]);

    const result = await validateInput(schema, {}, 'body');

    expect(result).toEqual({
      errors: [
        { field: 'body.lines[0].quantity', message: 'Required' },
        { field: 'body.note[2]', message: 'Too long' },
        { field: 'body.Symbol(s)', message: 'Bad symbol' },
        { field: 'body', message: 'Whole value' },
        { field: 'body', message: 'Empty path' },
      ],
    });
  });

  it('names a null path segment "null" instead of failing (a schema library typed loosely may send one)', async () => {
    const schema = schemaWith([{ message: 'Odd', path: [null as unknown as PropertyKey, 'a'] }]);

    await expect(validateInput(schema, {}, 'body')).resolves.toEqual({
      errors: [{ field: 'body.null.a', message: 'Odd' }],
    });
  });

  it('throws a BadRequestError with the field errors as data, or returns the value', async () => {
    const error = await validateOrThrow(
      schemaWith([{ message: 'Required', path: ['id'] }]),
      {},
      'message',
      'Bad',
    )
      .then(() => undefined)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      message: 'Bad',
      data: { errors: [{ field: 'message.id', message: 'Required' }] },
    });
    await expect(validateOrThrow(schemaWith(), 1, 'message', 'Bad')).resolves.toEqual([1, 1]);
  });
});

describe('Function: isStandardSchema', () => {
  const validate = () => ({ value: 1 });

  it('accepts version 1 with a validate function', () => {
    expect(isStandardSchema({ '~standard': { version: 1, validate } })).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'schema'],
    ['no "~standard"', { validate }],
    ['"~standard" null', { '~standard': null }],
    ['"~standard" a string', { '~standard': 'v1' }],
    ['version 2', { '~standard': { version: 2, validate } }],
    ['version "1"', { '~standard': { version: '1', validate } }],
    ['validate not a function', { '~standard': { version: 1, validate: {} } }],
  ])('refuses %s', (_case, value) => {
    expect(isStandardSchema(value)).toBe(false);
  });
});
