import fc from 'fast-check';
import { Slot } from '../profile';
import { timeOf, validSlots } from '../testing/profile.arbitraries';
import { SLOTS_MAX, amsterdamDate, availabilityViolations, isCalendarDate } from './availability.rules';

/** A Tuesday, at 23:30 in Amsterdam: already Wednesday 2 December there. */
const AT = '2026-12-01T23:30:00.000Z';
const rulesOf = (value: unknown, at = AT) => availabilityViolations(value, at).map((v) => `${v.field} ${v.rule}`);
const slot = (day: Slot['day'], start: string, end: string): Slot => ({ day, start, end });

describe('availability rules', () => {
  it('accepts the SPEC example', () => {
    expect(rulesOf({ slots: [slot('mon', '09:00', '12:00')], from: '2026-12-01' })).toEqual([]);
  });

  it('requires availability and at least one slot', () => {
    expect(rulesOf(undefined)).toEqual(['availability required']);
    expect(rulesOf({ slots: [] })).toEqual(['availability.slots min-items']);
    expect(rulesOf({})).toEqual(['availability.slots required']);
  });

  it(`allows at most ${SLOTS_MAX} slots`, () => {
    const slots = Array.from({ length: SLOTS_MAX + 1 }, (_, i) => slot('mon', timeOf(i * 30), timeOf(i * 30 + 30)));
    expect(rulesOf({ slots })).toEqual(['availability.slots max-items']);
    expect(rulesOf({ slots: slots.slice(1) })).toEqual([]);
  });

  it.each([
    ['9:00', '12:00', 'availability.slots[0].start time-format'],
    ['09:00', '12:60', 'availability.slots[0].end time-format'],
    ['24:00', '24:00', 'availability.slots[0].start time-format'],
    ['09:00', '24:01', 'availability.slots[0].end time-format'],
    ['12:00', '12:00', 'availability.slots[0].end end-after-start'],
    ['13:00', '12:00', 'availability.slots[0].end end-after-start'],
  ])('refuses %s–%s', (start, end, expected) => {
    expect(rulesOf({ slots: [slot('mon', start, end)] })).toEqual([expected]);
  });

  it('accepts a slot until midnight, 24:00', () => {
    expect(rulesOf({ slots: [slot('sun', '20:00', '24:00')] })).toEqual([]);
  });

  it('names a wrong or missing day', () => {
    expect(rulesOf({ slots: [{ day: 'monday', start: '09:00', end: '10:00' }, { start: '09:00', end: '10:00' }] })).toEqual([
      'availability.slots[0].day one-of',
      'availability.slots[1].day required',
    ]);
  });

  it('lets slots touch, and the same hours on different days', () => {
    expect(rulesOf({ slots: [slot('mon', '09:00', '12:00'), slot('mon', '12:00', '14:00'), slot('tue', '09:00', '12:00')] })).toEqual([]);
  });

  it('reports an overlap at the later slot', () => {
    expect(rulesOf({ slots: [slot('wed', '09:00', '17:00'), slot('thu', '10:00', '11:00'), slot('wed', '10:00', '11:00')] })).toEqual([
      'availability.slots[2] no-overlap',
    ]);
  });

  it('checks the date bounds and their order', () => {
    expect(rulesOf({ slots: [slot('mon', '09:00', '10:00')], from: '2026-12-07', until: '2026-12-07' })).toEqual([]);
    expect(rulesOf({ slots: [slot('mon', '09:00', '10:00')], from: '2026-12-08', until: '2026-12-07' })).toEqual(['availability.until date-order']);
    expect(rulesOf({ slots: [slot('mon', '09:00', '10:00')], from: '2027-02-29', until: '01-12-2027' })).toEqual([
      'availability.from date',
      'availability.until date',
    ]);
  });

  it('refuses dates that end before today in Amsterdam: such a person could never be matched', () => {
    const slots = [slot('mon', '09:00', '10:00')];
    expect(rulesOf({ slots, until: '2026-12-01' })).toEqual(['availability.until date-order']);
    expect(rulesOf({ slots, from: '2025-01-01', until: '2025-06-30' })).toEqual(['availability.until date-order']);
    expect(rulesOf({ slots: [slot('tue', '09:00', '10:00')], until: '2026-12-01' }, '2026-12-01T12:00:00.000Z')).toEqual([]);
    expect(rulesOf({ slots, until: '2026-12-08' })).toEqual([]);
    // A start in the past is merely where the slots began to apply.
    expect(rulesOf({ slots, from: '2025-01-01' })).toEqual([]);
  });

  it('refuses dates that hold no day of any slot', () => {
    // 5 to 6 December 2026 are a Saturday and a Sunday.
    expect(rulesOf({ slots: [slot('mon', '09:00', '10:00')], from: '2026-12-05', until: '2026-12-06' })).toEqual(['availability.until slot-in-date-range']);
    expect(rulesOf({ slots: [slot('mon', '09:00', '10:00'), slot('sun', '09:00', '10:00')], from: '2026-12-05', until: '2026-12-06' })).toEqual([]);
    // Today (Wednesday in Amsterdam) to Friday: Monday's slot never comes round.
    expect(rulesOf({ slots: [slot('mon', '09:00', '10:00')], from: '2026-11-01', until: '2026-12-04' })).toEqual(['availability.until slot-in-date-range']);
    expect(rulesOf({ slots: [slot('wed', '09:00', '10:00')], until: '2026-12-02' })).toEqual([]);
    expect(rulesOf({ slots: [slot('tue', '09:00', '10:00')], until: '2026-12-08' })).toEqual([]);
  });

  it('knows the calendar', () => {
    expect(['2028-02-29', '2026-12-31'].every(isCalendarDate)).toBe(true);
    expect(['2026-02-29', '2026-13-01', '2026-04-31', '2026-1-01'].some(isCalendarDate)).toBe(false);
  });

  describe('properties', () => {
    it('accepts dates exactly when some day from today to until falls on a day of a slot', () => {
      const day = (n: number) => new Date(Date.UTC(2026, 11, 2 + n)).toISOString().slice(0, 10);
      const weekday = (n: number) => (['wed', 'thu', 'fri', 'sat', 'sun', 'mon', 'tue'] as const)[((n % 7) + 7) % 7];
      fc.assert(
        fc.property(validSlots(), fc.option(fc.integer({ min: -30, max: 30 }), { nil: null }), fc.integer({ min: -30, max: 30 }), (slots, from, until) => {
          fc.pre(from === null || from <= until);
          const first = Math.max(from ?? 0, 0);
          const days = new Set(slots.map((s) => s.day));
          const meets = until >= first && Array.from({ length: Math.min(until - first + 1, 7) }, (_, i) => weekday(first + i)).some((d) => days.has(d));
          const rules = rulesOf({ slots, from: from === null ? null : day(from), until: day(until) });
          expect(rules.length === 0).toBe(meets);
        }),
      );
    });

    it('accepts any set of non-overlapping slots, in any order', () => {
      fc.assert(fc.property(validSlots(), (slots) => expect(rulesOf({ slots })).toEqual([])));
    });

    it('refuses any slot that overlaps another on the same day, wherever it is added', () => {
      const withOverlap = validSlots(SLOTS_MAX - 1).chain((slots) =>
        fc.record({
          slots: fc.constant(slots),
          target: fc.integer({ min: 0, max: slots.length - 1 }),
          at: fc.integer({ min: 0, max: slots.length }),
          offsets: fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        }),
      );
      fc.assert(
        fc.property(withOverlap, ({ slots, target, at, offsets }) => {
          const { day, start, end } = slots[target];
          const [s, e] = [toMinutes(start), toMinutes(end)];
          // A start inside [s, e) and an end after it always share time with [s, e).
          const newStart = s + Math.floor(offsets[0] * (e - s));
          const newEnd = newStart + 1 + Math.floor(offsets[1] * (24 * 60 - newStart - 1));
          const all = [...slots.slice(0, at), slot(day, timeOf(newStart), timeOf(newEnd)), ...slots.slice(at)];
          const rules = availabilityViolations({ slots: all }, AT).map((v) => v.rule);
          expect(rules.length).toBeGreaterThan(0);
          expect(rules.every((rule) => rule === 'no-overlap')).toBe(true);
        }),
      );
    });
  });
});

const toMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

describe('amsterdamDate', () => {
  it('gives the Amsterdam date of any instant, whatever was asked before: around midnight and the clock changes, with days of 23 and 25 hours', () => {
    const oracle = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
    // 1900–2100; each base followed by instants close to it, so the day remembered from one call is the next call's.
    const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
    const cluster = fc.tuple(instant, fc.array(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), { maxLength: 12 }))
      .map(([base, steps]) => [base, ...steps.map((step) => base + step)]);
    // The clock changes of 2026 and 1977 (the first summer time after the war years): days of 23 and 25 hours.
    const changes = [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(1977, 3, 3, 1), Date.UTC(1977, 8, 25, 1)];
    const nearChange = fc.tuple(fc.constantFrom(...changes), fc.array(fc.integer({ min: -36e5 * 26, max: 36e5 * 26 }), { minLength: 1, maxLength: 12 }))
      .map(([change, steps]) => steps.map((step) => change + step));
    fc.assert(fc.property(fc.array(fc.oneof(cluster, nearChange), { minLength: 1, maxLength: 5 }), (groups) => {
      for (const ms of groups.flat()) expect([ms, amsterdamDate(new Date(ms).toISOString())]).toEqual([ms, oracle.format(ms)]);
    }), { numRuns: 300 });
  });
});
