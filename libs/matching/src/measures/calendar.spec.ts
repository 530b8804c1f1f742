import { amsterdamDay, dayNumber, instantMs, weekdayOf } from './calendar';

const day = (date: string): number => dayNumber(date);
const at = (iso: string): number => amsterdamDay(instantMs(iso, 'now'));

describe('calendar', () => {
  it('numbers days from 1970-01-01 and names weekdays from Monday', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(weekdayOf(day('2026-03-02'))).toBe(0);
    expect(weekdayOf(day('2026-03-08'))).toBe(6);
    expect(weekdayOf(day('1969-12-29'))).toBe(0);
  });

  it('gives the calendar day in Amsterdam, winter and summer time alike', () => {
    expect(at('2026-01-15T22:59:00Z')).toBe(day('2026-01-15'));
    expect(at('2026-01-15T23:00:00Z')).toBe(day('2026-01-16'));
    expect(at('2026-07-01T21:59:00Z')).toBe(day('2026-07-01'));
    expect(at('2026-07-01T22:00:00Z')).toBe(day('2026-07-02'));
  });

  it('switches on the last Sundays of March and October at 01:00 UTC', () => {
    // 2026-03-29 01:00 UTC: 02:00 CET becomes 03:00 CEST; 22:30 UTC that evening is already the 30th.
    expect(at('2026-03-29T22:30:00Z')).toBe(day('2026-03-30'));
    expect(at('2026-03-28T23:30:00Z')).toBe(day('2026-03-29'));
    expect(at('2026-10-24T22:30:00Z')).toBe(day('2026-10-25'));
    expect(at('2026-10-25T22:30:00Z')).toBe(day('2026-10-25'));
  });

  it('agrees with the time-zone database over a year of hours', () => {
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000) {
      expect(amsterdamDay(ms)).toBe(day(local.format(new Date(ms))));
    }
  });

  it('refuses an instant without a zone, which would depend on the machine', () => {
    expect(() => instantMs('2026-03-02T10:00:00', 'now')).toThrow(RangeError);
    expect(() => instantMs('yesterday', 'waitingSince')).toThrow(/waitingSince/);
    expect(instantMs('2026-03-02T11:00:00+01:00', 'now')).toBe(Date.UTC(2026, 2, 2, 10));
    expect(instantMs('2026-03-02', 'now')).toBe(Date.UTC(2026, 2, 2));
  });
});
