/**
 * Dates and instants as plain numbers, computed by arithmetic only so that a
 * score reproduces on any machine: instants in epoch milliseconds, calendar
 * dates as day numbers (days since 1970-01-01), weekdays Monday = 0.
 */
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A date, or a date-time with `Z` or an offset: a local time without a zone would depend on the machine's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch milliseconds of an ISO 8601 instant (a bare date is midnight UTC). */
export function instantMs(iso: string, field: string): number {
  const ms = INSTANT.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${field} must be an ISO 8601 date or instant with a zone, got ${JSON.stringify(iso)}`);
  return ms;
}

/** Day number of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  const match = DATE.exec(date);
  if (match === null) throw new RangeError(`Expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** Monday = 0 … Sunday = 6; day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The calendar day in Europe/Amsterdam at an instant. The EU rule (summer time
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
 * of October, in force since 1996) is computed here rather than read from the
 * runtime's time-zone database, so the answer never depends on the machine.
 */
export function amsterdamDay(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayAt0100Utc(year, 2) && ms < lastSundayAt0100Utc(year, 9);
  return Math.floor((ms + (summer ? 2 : 1) * HOUR_MS) / DAY_MS);
}

function lastSundayAt0100Utc(year: number, monthIndex: number): number {
  const lastDay = Date.UTC(year, monthIndex + 1, 0);
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS;
}
