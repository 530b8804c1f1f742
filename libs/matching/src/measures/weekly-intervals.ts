/**
 * Weekly availability as sorted, disjoint minute intervals, so overlap is an
 * exact integer count of minutes (slots are minute-precise, so a quarter-hour
 * grid would round). Minutes count from Monday 00:00 in Europe/Amsterdam
 * wall-clock time; both sides use wall-clock slots, so summer time shifts
 * neither and needs no correction. Intervals never cross midnight, which lets
 * the overlap honour a set of weekdays.
 */
import { DAYS, Slot } from '@sleutel/domain';

export const MINUTES_PER_DAY = 24 * 60;
/** Bit d set = weekday d (Monday = 0) counts. */
export const ALL_WEEKDAYS = 0b111_1111;

/** `[start0, end0, start1, end1, …]`, half-open, ascending. */
export type WeekIntervals = Int32Array;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOfDay(time: string, role: 'start' | 'end'): number | null {
  if (role === 'end' && time === '24:00') return MINUTES_PER_DAY;
  const match = TIME.exec(time);
  return match === null ? null : Number(match[1]) * 60 + Number(match[2]);
}

/** Merges overlapping or touching slots of one day; drops malformed slots (profiles are validated upstream). */
export function weekIntervalsOf(slots: readonly Slot[]): WeekIntervals {
  const raw: [number, number][] = [];
  for (const slot of slots) {
    const day = DAYS.indexOf(slot.day);
    const start = minuteOfDay(slot.start, 'start');
    const end = minuteOfDay(slot.end, 'end');
    if (day < 0 || start === null || end === null || end <= start) continue;
    raw.push([day * MINUTES_PER_DAY + start, day * MINUTES_PER_DAY + end]);
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [start, end] of raw) {
    const last = merged.length - 1;
    const sameDay = last > 0 && Math.floor(merged[last - 1] / MINUTES_PER_DAY) === Math.floor(start / MINUTES_PER_DAY);
    if (sameDay && start <= merged[last]) merged[last] = Math.max(merged[last], end);
    else merged.push(start, end);
  }
  return Int32Array.from(merged);
}

/** Minutes both sides are available in a week, counting only the weekdays in `weekdays`. */
export function overlapMinutes(a: WeekIntervals, b: WeekIntervals, weekdays: number = ALL_WEEKDAYS): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const start = a[i] > b[j] ? a[i] : b[j];
    const aEnd = a[i + 1];
    const bEnd = b[j + 1];
    const end = aEnd < bEnd ? aEnd : bEnd;
    if (start < end && (weekdays === ALL_WEEKDAYS || (weekdays & (1 << ((start / MINUTES_PER_DAY) | 0))) !== 0)) total += end - start;
    if (aEnd < bEnd) i += 2;
    else j += 2;
  }
  return total;
}

/** Minutes in a week, counting only the weekdays in `weekdays`. */
export function totalMinutes(a: WeekIntervals, weekdays: number = ALL_WEEKDAYS): number {
  let total = 0;
  for (let i = 0; i < a.length; i += 2) {
    if (weekdays === ALL_WEEKDAYS || (weekdays & (1 << ((a[i] / MINUTES_PER_DAY) | 0))) !== 0) total += a[i + 1] - a[i];
  }
  return total;
}
