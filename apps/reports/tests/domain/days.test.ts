import { dayBefore, isRealTimestamp, startOfDay, utcDay } from '../../src/domain/days';

describe('days (UTC)', () => {
  it.each([
    ['2026-03-01T00:00:00.000Z', '2026-03-01'],
    ['2026-03-01T23:59:59.999Z', '2026-03-01'],
    ['2026-03-02T00:00:00.000Z', '2026-03-02'],
    // Offsets count by the UTC instant, not the seller's wall clock.
    ['2026-03-01T23:30:00-02:00', '2026-03-02'],
    ['2026-03-02T00:30:00+01:00', '2026-03-01'],
  ])('puts %s on %s', (timestamp, day) => {
    expect(utcDay(new Date(timestamp))).toBe(day);
  });

  it('refuses an invalid date', () => {
    expect(() => utcDay(new Date('not a date'))).toThrow(RangeError);
  });

  it.each([
    ['2026-03-02T00:15:00Z', '2026-03-01'],
    // A late run (retries, a redriven event) still reports on the day before its scheduled time.
    ['2026-03-02T23:59:59Z', '2026-03-01'],
    ['2026-03-01T00:15:00Z', '2026-02-28'],
    ['2028-03-01T00:15:00Z', '2028-02-29'],
    ['2027-01-01T00:15:00Z', '2026-12-31'],
  ])('a run scheduled at %s reports on %s', (scheduledAt, day) => {
    expect(dayBefore(new Date(scheduledAt))).toBe(day);
  });

  it('starts a day at midnight UTC', () => {
    expect(startOfDay('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it.each([
    ['2026-03-01T10:00:00Z', true],
    ['2028-02-29T10:00:00Z', true],
    ['2026-03-01T23:30:00-02:00', true],
    ['2026-02-30T10:00:00Z', false],
    ['2026-02-29T10:00:00Z', false],
    ['2026-13-01T10:00:00Z', false],
    ['2026-03-01', false],
    ['yesterday', false],
  ])('%s is a real timestamp: %s', (timestamp, real) => {
    expect(isRealTimestamp(timestamp)).toBe(real);
  });
});
