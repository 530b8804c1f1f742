import { countriesInfo } from './countries';
import { languagesInfo } from './languages';
import { municipalitiesInfo } from './municipalities';
import type { DataSetInfo } from './types';

export type { Country, DataSetInfo, Language, Municipality } from './types';
export { isLanguageCode, language, languageName, macrolanguageOf } from './languages';
export { countryName, isCountryCode } from './countries';
export { isMunicipalityCode, listMunicipalities, municipality } from './municipalities';

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
