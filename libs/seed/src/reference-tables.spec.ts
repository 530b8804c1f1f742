/** The generator's tables name only codes the shipped reference data knows. */
import { countryName, isCountryCode, isLanguageCode, isMunicipalityCode, municipality } from '@sleutel/reference';
import { LARGE_MUNICIPALITIES, municipalityWeights, NATIONAL_POPULATION_THOUSANDS } from './municipality-weights';
import { ORIGINS } from './origins';
import { POSTCODE_RANGES } from './postcode-areas';

describe('reference tables of the generator', () => {
  const languageCodes = ORIGINS.flatMap((origin) =>
    origin.communities.flatMap((community) => [...community.native.map(([code]) => code), ...community.also.map(({ code }) => code)]),
  );

  it.each([...new Set([...languageCodes, 'nld', 'eng', 'tur'])])('language %s is an ISO 639-3 code', (code) => {
    expect(isLanguageCode(code)).toBe(true);
  });

  it.each(ORIGINS.map(({ country }) => country))('origin %s is an ISO 3166-1 code', (country) => {
    expect(isCountryCode(country)).toBe(true);
    expect(countryName(country, 'en')).toBeDefined();
  });

  it('lists every origin once, with community weights that add up to 1', () => {
    expect(new Set(ORIGINS.map(({ country }) => country)).size).toBe(ORIGINS.length);
    for (const origin of ORIGINS) expect(origin.communities.reduce((sum, { weight }) => sum + weight, 0)).toBeCloseTo(1, 9);
  });

  it.each(Object.entries(LARGE_MUNICIPALITIES))('%s is the CBS code of %j', (code, { name }) => {
    expect(municipality(code)?.name).toBe(name);
  });

  it('weighs every municipality, the large ones by population and the rest equally', () => {
    const weights = municipalityWeights();
    expect(weights).toHaveLength(342);
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    expect(total).toBeCloseTo(NATIONAL_POPULATION_THOUSANDS, 6);
    const other = weights.find(([code]) => LARGE_MUNICIPALITIES[code] === undefined)![1];
    expect(other).toBeGreaterThan(20);
    expect(other).toBeLessThan(40);
  });

  /** The well-known postcode blocks of the four largest cities; every mapped range must lie inside its city's. */
  const CITY_BLOCKS: Readonly<Record<string, readonly [number, number]>> = {
    GM0363: [1011, 1109],
    GM0599: [3011, 3089],
    GM0518: [2491, 2599],
    GM0344: [3511, 3585],
  };

  it('maps postcode areas only for known municipalities, inside their postcode blocks', () => {
    expect(Object.keys(POSTCODE_RANGES).sort()).toEqual(Object.keys(CITY_BLOCKS).sort());
    for (const [code, ranges] of Object.entries(POSTCODE_RANGES)) {
      expect(isMunicipalityCode(code)).toBe(true);
      const [blockFirst, blockLast] = CITY_BLOCKS[code];
      for (const [first, last] of ranges) {
        expect(first).toBeLessThanOrEqual(last);
        expect(first).toBeGreaterThanOrEqual(blockFirst);
        expect(last).toBeLessThanOrEqual(blockLast);
      }
    }
  });
});
