import { countriesInfo } from './countries';
import { languagesInfo } from './languages';
import { municipalitiesInfo } from './municipalities';
import type { DataSetInfo } from './types';

export type { Country, DataSetInfo, Language, Municipality } from './types';
export { isLanguageCode, isMacrolanguageCode, isSpecialLanguageCode, language, languageName, listLanguages, macrolanguageOf, specialLanguageCodes } from './languages';
export { countryName, isCountryCode, listCountries } from './countries';
export { isMunicipalityCode, listMunicipalities, municipality } from './municipalities';
export { foldText, ReferenceIndex, type ReferenceAnswer, type ReferenceQuery } from './reference-index';
export { searchCountries, searchLanguages, searchMunicipalities, type LanguageEntry, type MunicipalityEntry } from './reference-search';

/** Provenance of the shipped reference data: source, version, reference date, count. */
export const referenceData: {
  readonly languages: DataSetInfo;
  readonly countries: DataSetInfo;
  readonly municipalities: DataSetInfo;
} = Object.freeze({
  languages: languagesInfo,
  countries: countriesInfo,
  municipalities: municipalitiesInfo,
});
