/**
 * When a pair can actually meet: the days on which both availabilities apply
 * (their optional `from`/`until` dates, inclusive) from today on. An empty
 * period means no contact is possible at all, remote or not; a period shorter
 * than a week limits the weekly overlap to the weekdays it contains.
 */
import type { Availability } from '@sleutel/domain';
import { dayNumber, weekdayOf } from './calendar';
import { ALL_WEEKDAYS } from './weekly-intervals';

/** Day numbers; an open bound is ±Infinity. */
export interface DateBounds {
  readonly from: number;
  readonly until: number;
}

export function dateBoundsOf(availability: Availability): DateBounds {
  return {
    from: availability.from === null ? Number.NEGATIVE_INFINITY : dayNumber(availability.from),
    until: availability.until === null ? Number.POSITIVE_INFINITY : dayNumber(availability.until),
  };
}

/** The weekdays (bit d = weekday d) on which both can meet from `today`; 0 when the period is empty. */
export function commonWeekdays(today: number, newcomerFrom: number, newcomerUntil: number, keyPersonFrom: number, keyPersonUntil: number): number {
  const first = Math.max(today, newcomerFrom, keyPersonFrom);
  const last = Math.min(newcomerUntil, keyPersonUntil);
  if (first > last) return 0;
  if (last - first >= 6) return ALL_WEEKDAYS;
  let mask = 0;
  for (let day = first; day <= last; day += 1) mask |= 1 << weekdayOf(day);
  return mask;
}
