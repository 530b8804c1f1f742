import { deadlineViolations, instantMillis, instantOf, toInstant } from './date-time.rules';

const AT = '2026-12-02T14:00:00.000Z';
const rulesOf = (value: unknown) => deadlineViolations(value, AT, 'expiresAt', 'Deadline').map((v) => `${v.field} ${v.rule}`);

describe('date-time rules', () => {
  it('accepts a deadline after the time of the command, in any zone', () => {
    expect(rulesOf('2026-12-16T14:00:00.000Z')).toEqual([]);
    expect(rulesOf('2026-12-02T15:00:00.001+01:00')).toEqual([]);
    expect(rulesOf('2026-12-02T14:00:01Z')).toEqual([]);
  });

  it('refuses a missing deadline, one without a zone, a date alone or nonsense', () => {
    expect(rulesOf(undefined)).toEqual(['expiresAt required']);
    expect(rulesOf('2026-12-16T14:00:00')).toEqual(['expiresAt date-time']);
    expect(rulesOf('2026-12-16')).toEqual(['expiresAt date-time']);
    expect(rulesOf('2026-13-45T14:00:00Z')).toEqual(['expiresAt date-time']);
    expect(rulesOf(1765000000000)).toEqual(['expiresAt date-time']);
  });

  it('refuses a deadline at or before the time of the command', () => {
    expect(rulesOf(AT)).toEqual(['expiresAt date-order']);
    expect(rulesOf('2026-12-02T15:00:00.000+01:00')).toEqual(['expiresAt date-order']);
  });

  it('stores an instant in UTC with milliseconds', () => expect(toInstant('2026-12-02T15:00+01:00')).toBe(AT));

  it('treats a malformed command time as a bug', () => {
    expect(instantOf(AT)).toBe(Date.UTC(2026, 11, 2, 14));
    expect(() => instantOf('yesterday')).toThrow(/`at`/);
  });

  it('refuses a date or time that does not exist, which Date.parse would roll over into another', () => {
    for (const impossible of ['2026-02-30T12:00:00Z', '2026-11-31T00:00:00Z', '2027-02-29T00:00Z', '2026-12-02T24:00:00Z', '2026-12-02T12:60:00Z', '2026-12-02T12:00:60Z', '2026-12-02T12:00:00+15:00']) {
      expect(instantMillis(impossible)).toBeNaN();
      expect(deadlineViolations(impossible, '2026-01-01T00:00:00.000Z', 'expiresAt', 'Deadline')).toEqual([expect.objectContaining({ rule: 'date-time' })]);
    }
    expect(instantMillis('2028-02-29T23:59:59.999+14:00')).toBe(Date.parse('2028-02-29T09:59:59.999Z'));
  });
});
