import { logger, resolveCorrelationId } from '@platform/logging';
import { ClientError, UnexpectedEventError } from './errors';
import { typeName } from './typeName';
import { toStandardResponse, type StandardResponse } from './responses';
import { asError, runInvocation, type OutcomeOf } from './runInvocation';
import type { StandardSchemaV1 } from './standardSchema';
import type { ScheduleHandlerOptions, ScheduleInput, ScheduleLambdaHandler } from './types';
import { validateOrThrow } from './validateInput';
import { validateOptions } from './validateOptions';

const EXPECTED = 'an EventBridge event (scheduled or from a rule)';

/**
 * Wraps a domain function as the handler of an EventBridge schedule or rule. The correlation ID comes from
 * `detail.correlationId`, else is generated. Returns the standard response; an error is logged and rethrown,
 * so the invocation fails and Lambda retries it, then sends it to the failure destination.
 */
export function scheduleHandler<TDetail = unknown, TResult = unknown>(
  options: ScheduleHandlerOptions<TDetail, TResult>,
): ScheduleLambdaHandler {
  validateOptions('scheduleHandler', options, {
    schema: 'schema',
    handle: 'function',
    logSettings: 'function',
  });
  const { schema, handle, logSettings } = options;

  return async (event, context) =>
    runInvocation(
      { event, context, correlationId: resolveCorrelationId(event), logSettings },
      async () => {
        try {
          const input = await readScheduleInput(event, schema);
          logger.debug('Scheduled event', {
            event_id: input.id,
            detail_type: input.detailType,
            source: input.source,
          });
          return toStandardResponse(await handle(input));
        } catch (error) {
          if (error instanceof ClientError) {
            logger.warn(`Event rejected: ${error.message}`, { data: error.data });
          } else {
            logger.error('Scheduled invocation failed', asError(error));
          }
          throw error;
        }
      },
      SCHEDULE_OUTCOME,
    );
}

/**
 * A failed scheduled invocation is `error` whatever was thrown: no client gets a 4xx, Lambda retries it
 * and then sends it to the failure destination (the thrown error's status is in its log line).
 */
const SCHEDULE_OUTCOME: OutcomeOf<StandardResponse> = {
  result: ({ status }) => ({ status, scheduleFailed: false }),
  error: () => ({ status: 'error', scheduleFailed: true }),
};

async function readScheduleInput<TDetail>(
  event: unknown,
  schema: StandardSchemaV1<unknown, TDetail> | undefined,
): Promise<ScheduleInput<TDetail>> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new UnexpectedEventError('scheduleHandler', EXPECTED, `received ${typeName(event)}`);
  }
  const fields = event as Record<string, unknown>;
  for (const key of ['id', 'detail-type', 'source', 'time']) {
    if (typeof fields[key] !== 'string') {
      throw new UnexpectedEventError('scheduleHandler', EXPECTED, `"${key}" is ${typeName(fields[key])}`);
    }
  }
  const time = new Date(fields.time as string);
  if (Number.isNaN(time.getTime())) {
    throw new UnexpectedEventError(
      'scheduleHandler',
      EXPECTED,
      `"time" is not a date: ${String(fields.time)}`,
    );
  }
  const detail = fields.detail ?? {};
  return {
    id: fields.id as string,
    time,
    source: fields.source as string,
    detailType: fields['detail-type'] as string,
    resources: Array.isArray(fields.resources) ? fields.resources.filter((r) => typeof r === 'string') : [],
    detail: schema
      ? await validateOrThrow(schema, detail, 'detail', 'Event detail is invalid')
      : (detail as TDetail),
  };
}
