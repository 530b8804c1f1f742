import { InvalidArgumentError } from 'commander';
import { amsterdamDate } from '@sleutel/domain';
import { parseInstant, parseUntil } from './audit.command';

describe('audit export --from/--to', () => {
  it('takes an instant with a zone, or a date alone for the start of that day in Amsterdam', () => {
    expect(parseInstant('2026-12-01')).toBe('2026-11-30T23:00:00.000Z');
    // A day of summer time in Amsterdam starts at 22:00 UTC.
    expect(parseInstant('2026-06-01')).toBe('2026-05-31T22:00:00.000Z');
    expect(parseInstant('2026-12-01T09:00:00+01:00')).toBe('2026-12-01T08:00:00.000Z');
    expect(parseInstant('2028-02-29T12:00Z')).toBe('2028-02-29T12:00:00.000Z');
  });

  it('--to: an instant ends the export at it, inclusive; a date alone takes in the whole of that day in Amsterdam, up to the start of the next', () => {
    expect(parseUntil('2026-12-01T09:00:00+01:00')).toEqual({ to: '2026-12-01T08:00:00.000Z' });
    expect(parseUntil('2026-12-01')).toEqual({ before: '2026-12-01T23:00:00.000Z' });
    // The days the clocks change: 23 and 25 hours long.
    expect(parseUntil('2026-03-29')).toEqual({ before: '2026-03-29T22:00:00.000Z' });
    expect(parseUntil('2026-10-25')).toEqual({ before: '2026-10-25T23:00:00.000Z' });
    expect(parseUntil('2026-12-31')).toEqual({ before: '2026-12-31T23:00:00.000Z' });
    expect(parseUntil('2028-02-28')).toEqual({ before: '2028-02-28T23:00:00.000Z' });
  });

  it('takes any date, also one written as "no end" and one from before Amsterdam kept CET, as that day in Amsterdam (a review found both ending in a stack trace)', () => {
    expect(Date.parse((parseUntil('9999-12-31') as { before: string }).before)).toBe(Date.UTC(9999, 11, 31, 23));
    // Before 1970 Amsterdam's offset was other than an hour or two, by whatever time-zone data the runtime has.
    for (const date of ['1930-01-01', '1944-07-01']) {
      const start = Date.parse(parseInstant(date));
      expect(amsterdamDate(new Date(start).toISOString())).toBe(date);
      expect(amsterdamDate(new Date(start - 1).toISOString())).not.toBe(date);
    }
  });

  it.each(['2026-02-30', '2026-11-31T00:00:00Z', '2026-12-01T24:00:00Z', '2026-12-01T09:00', 'yesterday'])('refuses %s, which names no moment, rather than reading another day', (value) => {
    expect(() => parseInstant(value)).toThrow(InvalidArgumentError);
    expect(() => parseUntil(value)).toThrow(InvalidArgumentError);
  });
});
