import { birthYearViolations, displayNameViolations, optionalGenderViolations, yearOf } from './personal-details.rules';

const rules = (violations: readonly { field: string; rule: string }[]) => violations.map((v) => `${v.field} ${v.rule}`);

describe('personal details rules', () => {
  it('requires a display name of at most 200 characters on one line', () => {
    expect(displayNameViolations('Amal Haddad')).toEqual([]);
    expect(displayNameViolations('أمل حداد')).toEqual([]);
    expect(displayNameViolations(`  ${'a'.repeat(200)}  `)).toEqual([]);
    expect(displayNameViolations('😀'.repeat(200))).toEqual([]);
    expect(rules(displayNameViolations('a'.repeat(201)))).toEqual(['displayName max-length']);
    expect(rules(displayNameViolations(' \t '))).toEqual(['displayName required']);
    // Nothing a person could read: zero-width space, direction marks and override, a Braille blank, Hangul fillers,
    // a combining mark with no letter, NBSP and the ideographic space.
    for (const blank of ['\u200b', '\u200f', '\u202e', '\u2800', '\u115f', '\u3164', '\u0301', '\u00a0', '\u3000', '\u200f\u200b \u2800']) {
      expect(rules(displayNameViolations(blank))).toEqual(['displayName required']);
    }
    // Marks beside letters are ordinary text: an Arabic name after a right-to-left mark, a decomposed é.
    expect(displayNameViolations('\u200fأمل')).toEqual([]);
    expect(displayNameViolations('Rene\u0301')).toEqual([]);
    expect(rules(displayNameViolations(undefined))).toEqual(['displayName required']);
    expect(rules(displayNameViolations('Amal\tHaddad'))).toEqual(['displayName no-control-characters']);
    // Unicode's line and paragraph separators break a line as a newline does.
    expect(rules(displayNameViolations('Amal\u2028Haddad'))).toEqual(['displayName no-control-characters']);
    expect(rules(displayNameViolations('Amal\u2029Haddad'))).toEqual(['displayName no-control-characters']);
    expect(rules(displayNameViolations(42))).toEqual(['displayName type']);
  });

  it('accepts birth years from 120 years before the command up to its year', () => {
    const at = '2026-06-01T12:00:00Z';
    expect(birthYearViolations(1906, at)).toEqual([]);
    expect(birthYearViolations(2026, at)).toEqual([]);
    expect(rules(birthYearViolations(1905, at))).toEqual(['birthYear range']);
    expect(rules(birthYearViolations(2027, at))).toEqual(['birthYear range']);
    expect(rules(birthYearViolations(1990.5, at))).toEqual(['birthYear integer']);
    expect(rules(birthYearViolations('1990', at))).toEqual(['birthYear type']);
  });

  it('treats a malformed command time as a bug, not as bad input', () => {
    expect(() => yearOf('yesterday')).toThrow();
    expect(yearOf('2026-01-01T00:00:00.000Z')).toBe(2026);
    // Half past midnight on New Year's Day in Amsterdam, still the old year in UTC.
    expect(yearOf('2026-12-31T23:30:00.000Z')).toBe(2027);
    expect(birthYearViolations(2027, '2026-12-31T23:30:00.000Z')).toEqual([]);
    expect(birthYearViolations(1906, '2026-12-31T23:30:00.000Z')).toHaveLength(1);
  });

  it('lets a newcomer leave the gender unstated', () => {
    expect(optionalGenderViolations(null)).toEqual([]);
    expect(optionalGenderViolations('other')).toEqual([]);
    expect(rules(optionalGenderViolations('f'))).toEqual(['gender one-of']);
  });
});
