/** Sales days are UTC calendar days, written `YYYY-MM-DD`: one report per day, whatever the sellers' time zones. */
export type Day = string;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day an instant falls in: `2026-03-01T23:30:00-02:00` is on 2026-03-02. */
export function utcDay(instant: Date): Day {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Not a valid date');
  return instant.toISOString().slice(0, 10);
}

/**
 * The day a run scheduled at `scheduledAt` reports on: the UTC day before it. Derived from the
 * scheduled time, never the clock, so a retried or late run reports on the same day.
 */
export function dayBefore(scheduledAt: Date): Day {
  return utcDay(new Date(scheduledAt.getTime() - DAY_MS));
}

/** Midnight UTC at the start of a day. */
export function startOfDay(day: Day): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/**
 * True when the date and time written in an ISO 8601 timestamp exist. `Date` rolls impossible ones
 * over (`2026-02-30` becomes March 2), which would put a sale on the wrong day instead of failing it.
 */
export function isRealTimestamp(timestamp: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(timestamp);
  if (!match || Number.isNaN(new Date(timestamp).getTime())) return false;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const written = new Date(Date.UTC(year, month - 1, day, hour, minute));
  return (
    written.getUTCFullYear() === year &&
    written.getUTCMonth() === month - 1 &&
    written.getUTCDate() === day &&
    written.getUTCHours() === hour &&
    written.getUTCMinutes() === minute
  );
}
