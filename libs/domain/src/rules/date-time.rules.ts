/**
 * Instants: ISO-8601 date-times with a zone (`2026-12-02T14:00:00.000Z`), as
 * deadlines are given. Stored form is `Date#toISOString()` (UTC, milliseconds),
 * the form of every `at`, so stored instants compare correctly as strings too.
 */
import { FieldViolation } from '../domain-error';
import { isCalendarDate } from './availability.rules';
import { violation } from './violation';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Milliseconds of an ISO-8601 date-time with a zone that names a real moment;
 * NaN otherwise. `Date.parse` rolls an impossible date over (`2026-02-30` is
 * 2 March, `2026-11-31` is 1 December): those are refused here, as are hours
 * past 23, minutes or seconds past 59 and offsets past ±14:59.
 */
export function instantMillis(value: string): number {
  const parts = DATE_TIME.exec(value);
  if (parts === null) return Number.NaN;
  const [date, hour, minute, second = '0', zoneHour = '0', zoneMinute = '0'] = parts.slice(1);
  const realTime = Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59 && Number(zoneHour) <= 14 && Number(zoneMinute) <= 59;
  return isCalendarDate(date) && realTime ? Date.parse(value) : Number.NaN;
}

/** A required instant strictly after `at` (the command's time): a deadline in the past is a mistake. */
export function deadlineViolations(value: unknown, at: string, field: string, label: string): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', `${label} is required`)];
  if (typeof value !== 'string' || Number.isNaN(instantMillis(value))) {
    return [violation(field, 'date-time', `${label} must be an ISO-8601 date-time with a time zone`)];
  }
  return instantMillis(value) > instantOf(at) ? [] : [violation(field, 'date-order', `${label} must be later than the time of the command`)];
}

/** Only for values already checked by `deadlineViolations`. */
export const toInstant = (value: string): string => new Date(instantMillis(value)).toISOString();

/** Milliseconds of a trusted instant. `at` is stamped by the server, so a malformed one is a bug, not bad input. */
export function instantOf(at: string): number {
  const millis = instantMillis(at);
  if (Number.isNaN(millis)) throw new Error('Command time `at` must be an ISO-8601 date-time');
  return millis;
}
