import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionRunner, InvokeOutcome } from './functionRunner';
import type { LogStream } from './logStream';
import { nextFireTime } from './scheduleExpression';
import type { AsyncConfigModel, ScheduleModel, StackModel } from './types';

export interface LocalSchedule {
  readonly service: string;
  readonly model: ScheduleModel;
  readonly runner: FunctionRunner;
  /** When it fires next; undefined when disabled or never again. */
  next?: Date;
  /** Invokes the target now, once, and returns what it did (the control endpoint, --fire). */
  fire(): Promise<InvokeOutcome>;
}

export interface ScheduleContext {
  readonly stack: StackModel;
  readonly runner: FunctionRunner;
  readonly log: LogStream;
  readonly sqs: SQSClient;
  /** The on-failure destination's local queue URL, when it is one. */
  readonly onFailureUrl?: string;
}

// Lambda retries asynchronous invocations after about 1 and 2 minutes; locally after 1 and 2 seconds.
const RETRY_DELAY_MS = 1000;

/** The event EventBridge Scheduler sends: the schedule's input, else a Scheduled Event for its time. */
export function scheduleEvent(stack: StackModel, schedule: ScheduleModel, time: Date): unknown {
  if (schedule.input !== undefined) return JSON.parse(schedule.input) as unknown;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: stack.accountId,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: stack.region,
    resources: [`arn:aws:scheduler:${stack.region}:${stack.accountId}:schedule/default/${schedule.name}`],
    detail: {},
  };
}

/**
 * A schedule fired by its expression while dev runs, invoking its function asynchronously as
 * Scheduler does: retried on error (the function's async settings), then sent to its on-failure
 * queue. Timers are re-armed after each firing, so a long-running dev keeps firing.
 */
export function startSchedule(
  schedule: ScheduleModel,
  context: ScheduleContext,
  asyncConfig?: AsyncConfigModel,
) {
  const { stack, runner, log } = context;
  const tag = `${stack.service}/${schedule.name}`;
  const started = new Date();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const local: LocalSchedule = {
    service: stack.service,
    model: schedule,
    runner,
    fire: () => runner.invoke(scheduleEvent(stack, schedule, new Date())),
  };

  const fireAsync = async (time: Date) => {
    const event = scheduleEvent(stack, schedule, time);
    const attempts = 1 + (asyncConfig?.maxRetries ?? 2);
    let outcome: InvokeOutcome | undefined;
    for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
      log.line(
        tag,
        `fired (${schedule.expression}) -> ${runner.tag}${attempt > 1 ? `, retry ${attempt - 1}` : ''}`,
      );
      outcome = await runner.invoke(event);
      if (outcome.ok) return;
      log.line(tag, `${runner.tag} failed: ${outcome.error?.name}: ${outcome.error?.message}`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
    }
    if (outcome && !outcome.ok && context.onFailureUrl) {
      await context.sqs.send(
        new SendMessageCommand({
          QueueUrl: context.onFailureUrl,
          MessageBody: JSON.stringify({
            version: '1.0',
            timestamp: new Date().toISOString(),
            requestContext: {
              requestId: randomUUID(),
              condition: 'RetriesExhausted',
              approximateInvokeCount: attempts,
            },
            requestPayload: event,
            responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
            responsePayload: { errorType: outcome.error?.name, errorMessage: outcome.error?.message },
          }),
        }),
      );
      log.line(tag, `retries exhausted: the event went to the function's on-failure queue`);
    }
  };

  const arm = () => {
    if (stopped || !schedule.enabled) return;
    local.next = nextFireTime(schedule.expression, schedule.timezone, new Date(), started);
    if (!local.next) return;
    // setTimeout holds at most ~24.8 days: re-arm until the time has come.
    const wait = Math.min(local.next.getTime() - Date.now(), 2 ** 31 - 1);
    const due = local.next;
    timer = setTimeout(
      () => {
        if (Date.now() + 5 < due.getTime()) return arm();
        fireAsync(due)
          .catch((error: Error) => log.line(tag, `firing failed: ${error.message}`))
          .finally(arm);
      },
      Math.max(0, wait),
    );
  };
  arm();

  return {
    schedule: local,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
