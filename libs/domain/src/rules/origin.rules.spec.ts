import { mergeOrigin, originChangeViolations, originViolations } from './origin.rules';

const rulesOf = (value: unknown) => originViolations(value).map((v) => `${v.field} ${v.rule}`);

describe('origin rules', () => {
  it('accepts ISO 3166-1 alpha-2 codes', () => expect(rulesOf({ country: 'ER' })).toEqual([]));

  it('refuses lower case, alpha-3 and names', () => {
    expect(['er', 'ERI', 'Eritrea', 'XX'].flatMap((country) => rulesOf({ country }))).toEqual(Array(4).fill('origin.country iso-3166-1'));
  });

  it('requires a country', () => {
    expect(rulesOf(undefined)).toEqual(['origin required']);
    expect(rulesOf({})).toEqual(['origin.country required']);
  });

  it('merges a change over the current origin: the country left out stays, null for it is refused', () => {
    expect(mergeOrigin({ country: 'ER' }, {})).toStrictEqual({ country: 'ER' });
    expect(mergeOrigin({ country: 'ER' }, { country: 'ET' })).toStrictEqual({ country: 'ET' });
    const changeRulesOf = (change: unknown) => originChangeViolations(change).map((v) => `${v.field} ${v.rule}`);
    expect(changeRulesOf({})).toEqual([]);
    expect(changeRulesOf({ country: null })).toEqual(['origin.country required']);
    expect(changeRulesOf({ country: 'er' })).toEqual(['origin.country iso-3166-1']);
    expect(changeRulesOf(null)).toEqual(['origin required']);
  });
});
