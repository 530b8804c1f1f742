/**
 * Weekly availability (SPEC §3): slots of day + `HH:MM` start/end in
 * Europe/Amsterdam wall-clock time, optionally bounded by ISO dates.
 * Matching computes overlap hours from these, so they must be unambiguous:
 * end after start, and no two slots of one day overlapping (touching is fine).
 * The dates must leave the slots a day to apply on, from today: the matcher
 * counts no contact at all outside them, so dates that ended already, or a
 * short stretch that holds none of the slots' days, would keep the person out
 * of every match without a word.
 */
import { FieldViolation } from '../domain-error';
import { Availability, AvailabilityInput, DAYS, Slot } from '../profile';
import { fieldPath, itemPath, violation } from './violation';
import { isRecord, listViolations, oneOf } from './value.rules';

/** Four slots a day, every day of the week. */
export const SLOTS_MAX = 28;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since midnight; `24:00` is allowed as an end (a slot until midnight). */
export function minutesOf(time: string, role: 'start' | 'end'): number | null {
  if (role === 'end' && time === '24:00') return 24 * 60;
  if (!TIME.test(time)) return null;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** `at` is the command's time: the dates are judged against its day in Amsterdam. */
export function availabilityViolations(value: unknown, at: string, field = 'availability'): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', 'Availability is required')];
  if (!isRecord(value)) return [violation(field, 'type', 'Availability must be an object with slots')];
  const slots = slotsViolations(value.slots, fieldPath(field, 'slots'));
  const dates = dateRangeViolations(value.from, value.until, field);
  if (dates.length > 0 || slots.violations.length > 0 || typeof value.until !== 'string') return [...slots.violations, ...dates];
  return periodViolations(typeof value.from === 'string' ? value.from : null, value.until, slots.days, amsterdamDate(at), fieldPath(field, 'until'));
}

function slotsViolations(value: unknown, field: string): { violations: FieldViolation[]; days: ReadonlySet<string> } {
  const violations = listViolations(value, field, 'Slots', { min: 1, max: SLOTS_MAX });
  if (!Array.isArray(value)) return { violations, days: new Set() };
  const items: readonly unknown[] = value;
  const intervals = items.map((item, index) => {
    const result = slotViolations(item, itemPath(field, index));
    violations.push(...result.violations);
    return result.interval;
  });
  const days = new Set(intervals.flatMap((interval) => (interval === null ? [] : [interval.day])));
  return { violations: [...violations, ...overlapViolations(intervals, field)], days };
}

/**
 * Valid dates and slots: from today (or `from`, if later) to `until` there
 * must be a day on which a slot falls. ISO dates compare as strings.
 */
function periodViolations(from: string | null, until: string, days: ReadonlySet<string>, today: string, field: string): FieldViolation[] {
  if (until < today) return [violation(field, 'date-order', 'Until must not be before today')];
  const first = from !== null && from > today ? from : today;
  const span = dayNumber(until) - dayNumber(first);
  for (let day = dayNumber(first); day <= dayNumber(first) + Math.min(span, 6); day += 1) {
    if (days.has(dayOfWeek(day))) return [];
  }
  return [violation(field, 'slot-in-date-range', 'The dates must include the day of the week of at least one slot')];
}

/** Europe/Amsterdam's calendar and clock, by the runtime's time-zone data. */
const AMSTERDAM_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

const amsterdamClock = (ms: number): Map<string, string> => new Map(AMSTERDAM_CLOCK.formatToParts(ms).map((part) => [part.type, part.value]));

/** The date (`YYYY-MM-DD`) in Europe/Amsterdam at `at`, stamped by the server: a malformed one is a bug, not bad input. */
export function amsterdamDate(at: string): string {
  const millis = Date.parse(at);
  if (Number.isNaN(millis)) throw new Error('Command time `at` must be an ISO-8601 date-time');
  if (lastDay !== null && millis >= lastDay.start && millis < lastDay.end) return lastDay.date;
  const parts = amsterdamClock(millis);
  const [year, month, day] = [parts.get('year')!, parts.get('month')!, parts.get('day')!];
  const date = `${year}-${month}-${day}`;
  const start = amsterdamMidnight(Number(year), Number(month), Number(day));
  lastDay = { start, end: amsterdamMidnight(Number(year), Number(month), Number(day) + 1), date };
  return date;
}

/**
 * The Amsterdam day of the last `amsterdamDate` asked, as the instants it spans: commands come in at "now", so nearly
 * every call falls in it, and `formatToParts` was 1.4% of an intake request's CPU time.
 */
let lastDay: { readonly start: number; readonly end: number; readonly date: string } | null = null;

/** How far Amsterdam's clock is ahead of UTC at `ms`, by the runtime's time-zone data (an hour, or two in summer time). */
function amsterdamOffsetMs(ms: number): number {
  const parts = new Map([...amsterdamClock(ms)].map(([type, value]) => [type, Number(value)]));
  const wall = utcDay(parts.get('year')!, parts.get('month')!, parts.get('day')!) + ((parts.get('hour')! * 60 + parts.get('minute')!) * 60 + parts.get('second')!) * 1000;
  return wall - Math.floor(ms / 1000) * 1000;
}

/** 00:00 UTC of a calendar day, for any year (`Date.UTC` reads the years 0–99 as 1900–1999). */
function utcDay(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

/**
 * When the calendar day `year`-`month`-`day` begins in Europe/Amsterdam, in
 * epoch ms: 23:00 UTC the day before in winter, 22:00 in summer (the clocks
 * never change at midnight there). The day may overflow (`day + 1` of the
 * last of a month is the first of the next), as with `Date.UTC`; NaN for a
 * day no `Date` can hold.
 */
export function amsterdamMidnight(year: number, month: number, day: number): number {
  const utcMidnight = utcDay(year, month, day);
  if (!Number.isFinite(utcMidnight) || Math.abs(utcMidnight) > 8.64e15 - 2 * 86_400_000) return Number.NaN;
  const guess = utcMidnight - amsterdamOffsetMs(utcMidnight);
  // The offset at the guess is the offset at that midnight, unless a change lies between the two: then take it.
  return utcMidnight - amsterdamOffsetMs(guess);
}

const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
/** Day 0, 1 January 1970, was a Thursday. */
const dayOfWeek = (day: number): string => DAYS[(((day + 3) % 7) + 7) % 7];

interface Interval {
  readonly day: string;
  readonly start: number;
  readonly end: number;
}

function slotViolations(item: unknown, path: string): { violations: FieldViolation[]; interval: Interval | null } {
  if (!isRecord(item)) return { violations: [violation(path, 'type', 'A slot must be an object with day, start and end')], interval: null };
  const violations = oneOf(item.day, DAYS, fieldPath(path, 'day'), 'Day');
  const start = timeOf(item.start, 'start', fieldPath(path, 'start'), violations);
  const end = timeOf(item.end, 'end', fieldPath(path, 'end'), violations);
  if (start !== null && end !== null && end <= start) {
    violations.push(violation(fieldPath(path, 'end'), 'end-after-start', 'End must be after start'));
  }
  const valid = violations.length === 0 && start !== null && end !== null;
  return { violations, interval: valid ? { day: String(item.day), start, end } : null };
}

function timeOf(value: unknown, role: 'start' | 'end', field: string, violations: FieldViolation[]): number | null {
  const label = role === 'start' ? 'Start' : 'End';
  if (value === undefined || value === null) {
    violations.push(violation(field, 'required', `${label} is required`));
    return null;
  }
  const minutes = typeof value === 'string' ? minutesOf(value, role) : null;
  if (minutes === null) {
    const range = role === 'start' ? '00:00 to 23:59' : '00:01 to 24:00';
    violations.push(violation(field, 'time-format', `${label} must be a time HH:MM from ${range}`));
  }
  return minutes;
}

/** One violation per slot that overlaps an earlier valid slot of the same day. */
function overlapViolations(intervals: readonly (Interval | null)[], field: string): FieldViolation[] {
  const violations: FieldViolation[] = [];
  intervals.forEach((slot, index) => {
    if (slot === null) return;
    const earlier = intervals.slice(0, index).findIndex((other) => other !== null && overlap(other, slot));
    if (earlier >= 0) {
      violations.push(violation(itemPath(field, index), 'no-overlap', `Slot overlaps ${itemPath(field, earlier)} on the same day`));
    }
  });
  return violations;
}

const overlap = (a: Interval, b: Interval): boolean => a.day === b.day && a.start < b.end && b.start < a.end;

function dateRangeViolations(from: unknown, until: unknown, field: string): FieldViolation[] {
  const violations = [...dateViolations(from, fieldPath(field, 'from'), 'From'), ...dateViolations(until, fieldPath(field, 'until'), 'Until')];
  // ISO dates compare correctly as strings; only compare two valid ones.
  if (violations.length === 0 && typeof from === 'string' && typeof until === 'string' && from > until) {
    violations.push(violation(fieldPath(field, 'until'), 'date-order', 'Until must be on or after from'));
  }
  return violations;
}

function dateViolations(value: unknown, field: string, label: string): FieldViolation[] {
  if (value === undefined || value === null) return [];
  return typeof value === 'string' && isCalendarDate(value)
    ? []
    : [violation(field, 'date', `${label} must be a date YYYY-MM-DD`)];
}

/** `2027-02-30` matches the pattern but is no date; the round trip through UTC catches it. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Stored form: exactly the known fields, absent bounds as `null`. */
export const toAvailability = (input: AvailabilityInput): Availability => ({
  slots: input.slots.map(({ day, start, end }): Slot => ({ day, start, end })),
  from: input.from ?? null,
  until: input.until ?? null,
});
