import { originViolations } from './origin.rules';

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
});
