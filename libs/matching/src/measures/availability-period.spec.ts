import { commonWeekdays, dateBoundsOf } from './availability-period';
import { dayNumber } from './calendar';
import { ALL_WEEKDAYS } from './weekly-intervals';

const d = dayNumber;
const OPEN = { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY };
const TODAY = d('2026-03-02'); // a Monday

describe('commonWeekdays', () => {
  it('reads open bounds as unbounded', () => {
    expect(dateBoundsOf({ slots: [], from: null, until: null })).toEqual(OPEN);
    expect(dateBoundsOf({ slots: [], from: '2026-03-01', until: null })).toEqual({ from: d('2026-03-01'), until: Number.POSITIVE_INFINITY });
  });

  it('is every weekday when both are open-ended', () => {
    expect(commonWeekdays(TODAY, OPEN.from, OPEN.until, OPEN.from, OPEN.until)).toBe(ALL_WEEKDAYS);
  });

  it('is empty when a range ended before today, or the two ranges do not meet', () => {
    expect(commonWeekdays(TODAY, OPEN.from, OPEN.until, OPEN.from, d('2026-03-01'))).toBe(0);
    expect(commonWeekdays(TODAY, d('2026-04-01'), OPEN.until, OPEN.from, d('2026-03-31'))).toBe(0);
  });

  it('still counts a range that ends today, or starts in the future', () => {
    expect(commonWeekdays(TODAY, OPEN.from, OPEN.until, OPEN.from, TODAY)).toBe(0b000_0001);
    expect(commonWeekdays(TODAY, d('2026-12-01'), OPEN.until, OPEN.from, OPEN.until)).toBe(ALL_WEEKDAYS);
  });

  it('is the weekdays of a common period shorter than a week', () => {
    // Thursday 2026-03-05 to Saturday 2026-03-07.
    expect(commonWeekdays(TODAY, d('2026-03-05'), OPEN.until, OPEN.from, d('2026-03-07'))).toBe(0b011_1000);
  });
});
