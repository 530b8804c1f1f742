import { isMacrolanguageCode } from '@sleutel/reference';
import { DEFAULT_POLICY } from './default.policy';
import { SEPARATE_MACROLANGUAGES_RECOMMENDED, separateMacrolanguagesOf } from './separate-macrolanguages';

describe('separate macrolanguages', () => {
  it('recommends keeping Kurdish and Chinese apart, as frozen macrolanguage codes', () => {
    expect(SEPARATE_MACROLANGUAGES_RECOMMENDED).toEqual(['kur', 'zho']);
    expect(Object.isFrozen(SEPARATE_MACROLANGUAGES_RECOMMENDED)).toBe(true);
    expect(SEPARATE_MACROLANGUAGES_RECOMMENDED.filter((code) => !isMacrolanguageCode(code))).toEqual([]);
  });

  it('leaves alone the macrolanguages whose varieties mostly understand each other', () => {
    for (const code of ['ara', 'fas', 'pus', 'msa', 'hbs', 'sqi']) expect(SEPARATE_MACROLANGUAGES_RECOMMENDED).not.toContain(code);
  });

  it('is not part of version 1, which must score as it always did (SPEC §4 inv. 7): absent means none', () => {
    expect(DEFAULT_POLICY.parameters.language).not.toHaveProperty('separateMacrolanguages');
    expect(separateMacrolanguagesOf(DEFAULT_POLICY.parameters.language)).toEqual([]);
    expect(separateMacrolanguagesOf({ ...DEFAULT_POLICY.parameters.language, separateMacrolanguages: ['kur'] })).toEqual(['kur']);
  });
});
