import countryData from '../data/iso-3166-1.json';
import { checkedInfo, indexByCode, type DataFile } from './dataset';
import type { Country, DataSetInfo } from './types';

const file: DataFile<Country> = countryData;
const byCode = indexByCode('iso-3166-1', file.records);
const all: readonly Country[] = Object.freeze([...byCode.values()]);

export const countriesInfo: DataSetInfo = checkedInfo('iso-3166-1', file);

/** True for an ISO 3166-1 alpha-2 code (exact, upper case), e.g. 'SY', 'ER'. */
export function isCountryCode(code: string): boolean {
  return byCode.has(code);
}

/** Country name in English (default) or Dutch; Dutch uses the common short name. */
export function countryName(code: string, locale: 'en' | 'nl' = 'en'): string | undefined {
  return byCode.get(code)?.[locale];
}

/** All countries in the shipped list, in code order. */
export function listCountries(): readonly Country[] {
  return all;
}
