import { CronExpressionParser } from 'cron-parser';

/**
 * The next time an EventBridge Scheduler expression fires after `from`, or undefined when it never
 * will again (a past `at()`). `rate()` counts from `start` (when dev started), as a new schedule does.
 */
export function nextFireTime(
  expression: string,
  timezone: string,
  from: Date,
  start: Date,
): Date | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const unit = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[rate[2]!.replace(/s$/, '') as 'minute'];
    const period = Number(rate[1]) * unit;
    const elapsed = Math.max(0, from.getTime() - start.getTime());
    return new Date(start.getTime() + (Math.floor(elapsed / period) + 1) * period);
  }
  const at = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/.exec(expression);
  if (at) {
    const when = zonedTime(at[1]!, timezone);
    return when.getTime() > from.getTime() ? when : undefined;
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron)
    return CronExpressionParser.parse(toCronParser(cron[1]!), { tz: timezone, currentDate: from })
      .next()
      .toDate();
  throw new Error(
    `Unsupported schedule expression "${expression}": expected rate(...), cron(...) or at(...).`,
  );
}

/**
 * AWS cron (minutes hours day-of-month month day-of-week year, `?` for "any", Sunday = 1) ->
 * cron-parser's five fields (Sunday = 0). The year field must allow the current year.
 */
export function toCronParser(expression: string): string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6)
    throw new Error(`cron(${expression}) needs 6 fields: minutes hours day-of-month month day-of-week year.`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const dow = dayOfWeek.replace(/\d+/g, (n, offset: number, all: string) =>
    // After '#' comes the week number (2#3: the third Monday), not a day.
    all[offset - 1] === '#' ? n : String(Number(n) - 1),
  );
  return [minutes, hours, dayOfMonth, month, dow].map((f) => (f === '?' ? '*' : f)).join(' ');
}

/** A wall-clock time in a time zone -> the instant (the zone's offset at that time). */
function zonedTime(local: string, timezone: string): Date {
  const asUtc = new Date(`${local}Z`);
  const offsetMs =
    asUtc.getTime() - new Date(asUtc.toLocaleString('en-US', { timeZone: timezone }) + ' UTC').getTime();
  return new Date(asUtc.getTime() + offsetMs);
}
