import * as reference from '@sleutel/reference';

describe('@sleutel/reference', () => {
  it('exports the lookups the validators and matcher use', () => {
    expect(reference.isLanguageCode('apc')).toBe(true);
    expect(reference.macrolanguageOf('apc')).toBe('ara');
    expect(reference.isMacrolanguageCode('kur')).toBe(true);
    expect(reference.isLanguageCode('mul')).toBe(false);
    expect(reference.isSpecialLanguageCode('mul')).toBe(true);
    expect(reference.specialLanguageCodes()).toEqual(['mis', 'mul', 'und', 'zxx']);
    expect(reference.isCountryCode('SY')).toBe(true);
    expect(reference.countryName('AF', 'nl')).toBe('Afghanistan');
    expect(reference.isMunicipalityCode('GM0363')).toBe(true);
    expect(reference.municipality('GM0363')?.name).toBe('Amsterdam');
  });

  it.each(['xx', 'ARA', 'abc1', 'ZZ', 'sy', 'GM9999', ''])('rejects %j everywhere', (code) => {
    expect(reference.isLanguageCode(code)).toBe(false);
    expect(reference.isCountryCode(code)).toBe(false);
    expect(reference.isMunicipalityCode(code)).toBe(false);
  });

  it('describes each data set with source, version, date and count', () => {
    const { languages, countries, municipalities } = reference.referenceData;
    for (const info of [languages, countries, municipalities]) {
      expect(info.source).not.toBe('');
      expect(info.version).not.toBe('');
      expect(info.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(info.count).toBeGreaterThan(0);
    }
    expect(municipalities.count).toBe(reference.listMunicipalities().length);
  });

  it('returns frozen records and lists', () => {
    expect(Object.isFrozen(reference.listMunicipalities())).toBe(true);
    expect(Object.isFrozen(reference.municipality('GM0344'))).toBe(true);
    expect(Object.isFrozen(reference.referenceData)).toBe(true);
  });
});
