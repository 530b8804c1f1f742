import countryData from '../data/iso-3166-1.json';
import { countriesInfo, countryName, isCountryCode } from './countries';

describe('ISO 3166-1 alpha-2 countries', () => {
  it.each(['SY', 'ER', 'AF', 'UA', 'NL', 'IQ', 'IR', 'SO', 'TR', 'YE', 'SD', 'ET'])('accepts %s', (code) =>
    expect(isCountryCode(code)).toBe(true),
  );

  it.each(['ZZ', 'sy', 'Sy', 'SYR', 'xx', 'ARA', 'abc1', 'GM9999', '', ' SY'])('rejects %j', (code) =>
    expect(isCountryCode(code)).toBe(false),
  );

  it('names countries in English by default and in Dutch on request', () => {
    expect(countryName('NL')).toBe('Netherlands');
    expect(countryName('ER', 'en')).toBe('Eritrea');
    expect(countryName('UA', 'nl')).toBe('Oekraïne');
    expect(countryName('SY', 'nl')).toBe('Syrië');
    expect(countryName('ZZ')).toBeUndefined();
  });

  it('uses the common Dutch short name, not the official one (FIELD-NOTES)', () => {
    expect(countryName('AF', 'nl')).toBe('Afghanistan');
    expect(countryName('IR', 'nl')).toBe('Iran');
    expect(countryName('TW', 'en')).toBe('Taiwan');
  });

  it('has a distinct name per country in both languages', () => {
    for (const locale of ['en', 'nl'] as const) {
      const names = countryData.records.map((r) => countryName(r.code, locale));
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('agrees with its header', () => {
    expect(countriesInfo.count).toBe(countryData.records.length);
    expect(countriesInfo.count).toBeGreaterThanOrEqual(249);
    for (const { code } of countryData.records) expect(code).toMatch(/^[A-Z]{2}$/);
  });
});
