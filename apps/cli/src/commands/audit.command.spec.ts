import { InvalidArgumentError } from 'commander';
import { parseInstant, parseUntil } from './audit.command';

describe('audit export --from/--to', () => {
  it('takes a date or an instant with a zone, as UTC', () => {
    expect(parseInstant('2026-12-01')).toBe('2026-12-01T00:00:00.000Z');
    expect(parseInstant('2026-12-01T09:00:00+01:00')).toBe('2026-12-01T08:00:00.000Z');
    expect(parseInstant('2028-02-29T12:00Z')).toBe('2028-02-29T12:00:00.000Z');
  });

  it('--to: an instant ends the export at it, inclusive; a date alone takes in the whole of that UTC day, up to the start of the next', () => {
    expect(parseUntil('2026-12-01T09:00:00+01:00')).toEqual({ to: '2026-12-01T08:00:00.000Z' });
    expect(parseUntil('2026-12-01')).toEqual({ before: '2026-12-02T00:00:00.000Z' });
    expect(parseUntil('2026-12-31')).toEqual({ before: '2027-01-01T00:00:00.000Z' });
    expect(parseUntil('2028-02-28')).toEqual({ before: '2028-02-29T00:00:00.000Z' });
  });

  it.each(['2026-02-30', '2026-11-31T00:00:00Z', '2026-12-01T24:00:00Z', '2026-12-01T09:00', 'yesterday'])('refuses %s, which names no moment, rather than reading another day', (value) => {
    expect(() => parseInstant(value)).toThrow(InvalidArgumentError);
    expect(() => parseUntil(value)).toThrow(InvalidArgumentError);
  });
});
