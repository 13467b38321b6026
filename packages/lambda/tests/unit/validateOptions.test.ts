import * as v from 'valibot';
import { z } from 'zod';
import { HandlerConfigError } from '../../src/errors';
import { httpHandler } from '../../src/httpHandler';
import { scheduleHandler } from '../../src/scheduleHandler';
import { sqsHandler } from '../../src/sqsHandler';

const wrappers = [
  ['httpHandler', httpHandler, 'schema, pathSchema, querySchema, handle, logSettings'],
  ['sqsHandler', sqsHandler, 'schema, handle, snsEnvelope, processInParallel, logSettings'],
  ['scheduleHandler', scheduleHandler, 'schema, handle, logSettings'],
] as const;
const create = (wrapper: (options: never) => unknown, options: unknown) => () => wrapper(options as never);

describe('Wrapper options are validated when the wrapper is created', () => {
  describe.each(wrappers)('%s', (name, wrapper, validOptions) => {
    it.each([
      [undefined, 'undefined'],
      [null, 'null'],
      ['handle', 'the string "handle"'],
      [[], 'an array'],
    ])('refuses %p instead of an options object, and says what it received', (options, received) => {
      expect(create(wrapper, options)).toThrow(HandlerConfigError);
      expect(create(wrapper, options)).toThrow(
        `${name}: expected an options object such as { handle: async (input) => ... }, received ${received}.`,
      );
    });

    it('refuses a missing handle and says what to pass', () => {
      expect(create(wrapper, {})).toThrow(
        `${name}: "handle" must be the domain function, received undefined. Pass { handle: async (input) => ... }.`,
      );
    });

    it('refuses an unknown option (a typo) and lists the valid ones', () => {
      expect(create(wrapper, { handler: () => undefined })).toThrow(
        `${name}: unknown option "handler". Valid options: ${validOptions}.`,
      );
    });

    it('refuses a schema that is not a Standard Schema', () => {
      expect(create(wrapper, { handle: () => undefined, schema: { parse: () => undefined } })).toThrow(
        `${name}: "schema" must be a Standard Schema v1 schema (zod 4, valibot 1, arktype...), e.g. z.object({ ... }), ` +
          'received an object that is not a Standard Schema (no "~standard" property).',
      );
    });

    it('refuses logSettings that is not a function', () => {
      expect(create(wrapper, { handle: () => undefined, logSettings: { level: 'DEBUG' } })).toThrow(
        `${name}: "logSettings" must be a function, received an object that is not a Standard Schema (no "~standard" property).`,
      );
    });

    it('refuses a function where a schema goes, and names it', () => {
      expect(create(wrapper, { handle: () => undefined, schema: () => undefined })).toThrow(
        `${name}: "schema" must be a Standard Schema v1 schema (zod 4, valibot 1, arktype...), e.g. z.object({ ... }), ` +
          'received a function.',
      );
    });

    it('refuses a handle that is not a function, naming what it received', () => {
      expect(create(wrapper, { handle: 'orders' })).toThrow(
        `${name}: "handle" must be the domain function, received the string "orders". Pass { handle: async (input) => ... }.`,
      );
    });

    it('accepts a logSettings function', () => {
      expect(create(wrapper, { handle: () => undefined, logSettings: () => undefined })).not.toThrow();
    });

    it('accepts zod and valibot schemas', () => {
      expect(create(wrapper, { handle: () => undefined, schema: z.object({ a: z.string() }) })).not.toThrow();
      expect(create(wrapper, { handle: () => undefined, schema: v.object({ a: v.string() }) })).not.toThrow();
    });
  });

  it('checks the boolean options of sqsHandler', () => {
    expect(create(sqsHandler, { handle: () => undefined, snsEnvelope: 'yes' })).toThrow(
      'sqsHandler: "snsEnvelope" must be true or false, received the string "yes".',
    );
    expect(create(sqsHandler, { handle: () => undefined, processInParallel: 1 })).toThrow(
      'sqsHandler: "processInParallel" must be true or false, received 1.',
    );
    expect(create(sqsHandler, { handle: () => undefined, snsEnvelope: () => true })).toThrow(
      'sqsHandler: "snsEnvelope" must be true or false, received a function.',
    );
    expect(
      create(sqsHandler, { handle: () => undefined, snsEnvelope: true, processInParallel: false }),
    ).not.toThrow();
  });

  it('checks the parameter schemas of httpHandler', () => {
    expect(create(httpHandler, { handle: () => undefined, pathSchema: null })).toThrow(
      /^httpHandler: "pathSchema" must be a Standard Schema v1 schema .* received null\.$/,
    );
    expect(create(httpHandler, { handle: () => undefined, querySchema: [] })).toThrow(
      /^httpHandler: "querySchema" must be a Standard Schema v1 schema .* received an array\.$/,
    );
  });
});
