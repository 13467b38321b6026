import { captureLogs } from '@platform/test-helpers';
import { getCorrelationId } from '../../src/getCorrelationId';
import { logger } from '../../src/logger';
import { runWithCorrelationId } from '../../src/runWithCorrelationId';
import { runWithLogKeys } from '../../src/runWithLogKeys';

// Waits `n` turns of the event loop: orders concurrent work without timers, so a stall on a loaded
// machine cannot reorder it (two timers of 1 and 20 ms can fire in either order after a 20 ms stall).
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('Function: runWithCorrelationId', () => {
  it('makes the ID readable inside, and not outside', () => {
    expect(getCorrelationId()).toBeUndefined();

    const seen = runWithCorrelationId('c-1', () => getCorrelationId());

    expect(seen).toBe('c-1');
    expect(getCorrelationId()).toBeUndefined();
  });

  it('returns what the function returns, a promise for an async function', async () => {
    expect(runWithCorrelationId('c-1', () => 42)).toBe(42);
    await expect(runWithCorrelationId('c-1', async () => 'done')).resolves.toBe('done');
  });

  it('keeps the ID across awaits and timers', async () => {
    const seen = await runWithCorrelationId('c-async', async () => {
      await turns(1);
      return new Promise<string | undefined>((resolve) => setTimeout(() => resolve(getCorrelationId()), 1));
    });

    expect(seen).toBe('c-async');
  });

  it('gives concurrent work its own ID, as records processed in parallel need', async () => {
    const seen: string[] = [];
    const work = (id: string, delay: number) =>
      runWithCorrelationId(id, async () => {
        await turns(delay);
        seen.push(`${id}:${getCorrelationId()}`);
      });

    await Promise.all([work('a', 3), work('b', 1), work('c', 2)]);

    expect(seen).toEqual(['b:b', 'c:c', 'a:a']);
  });

  it('lets an inner ID override an outer one, and restores the outer one after', () => {
    const seen = runWithCorrelationId('outer', () => [
      runWithCorrelationId('inner', () => getCorrelationId()),
      getCorrelationId(),
    ]);

    expect(seen).toEqual(['inner', 'outer']);
  });

  it('propagates an error thrown by the function', () => {
    expect(() =>
      runWithCorrelationId('c-1', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
  });

  it.each([[''], [undefined], [42]])('refuses %p as an ID', (id) => {
    expect(() => runWithCorrelationId(id as string, () => undefined)).toThrow(
      /^runWithCorrelationId: the ID must be a non-empty string, received/,
    );
  });
});

describe('Function: runWithLogKeys', () => {
  it('adds the keys to every line inside, merged with enclosing keys, keeping the correlation ID', async () => {
    const logs = captureLogs();
    try {
      await runWithCorrelationId('c-batch', () =>
        runWithLogKeys({ queue: 'orders' }, async () => {
          await Promise.all(
            ['m-1', 'm-2'].map((messageId, i) =>
              runWithLogKeys({ message_id: messageId }, async () => {
                await turns(i === 0 ? 2 : 1);
                logger.info('record');
              }),
            ),
          );
          logger.info('batch');
        }),
      );
      logger.info('after');
    } finally {
      logs.restore();
    }

    expect(
      logs.lines.map(({ message, correlation_id, queue, message_id }) => ({
        message,
        correlation_id,
        queue,
        message_id,
      })),
    ).toEqual([
      { message: 'record', correlation_id: 'c-batch', queue: 'orders', message_id: 'm-2' },
      { message: 'record', correlation_id: 'c-batch', queue: 'orders', message_id: 'm-1' },
      { message: 'batch', correlation_id: 'c-batch', queue: 'orders', message_id: undefined },
      { message: 'after', correlation_id: undefined, queue: undefined, message_id: undefined },
    ]);
  });

  it('keeps scoped keys when a new correlation ID is set inside', () => {
    const logs = captureLogs();
    try {
      runWithLogKeys({ message_id: 'm-1' }, () => runWithCorrelationId('c-record', () => logger.info('x')));
    } finally {
      logs.restore();
    }

    expect(logs.lines[0]).toMatchObject({ message_id: 'm-1', correlation_id: 'c-record' });
  });
});
