import languageData from '../data/iso-639-3.json';
import { checkedInfo, indexByCode, type DataFile } from './dataset';
import type { DataSetInfo, Language } from './types';

const file: DataFile<Language> = languageData;
const byCode = indexByCode('iso-639-3', file.records);
const all: readonly Language[] = Object.freeze([...byCode.values()]);

/**
 * ISO 639-3's special codes (scope and type `special` in the data): `mis`
 * (uncoded languages), `mul` (multiple languages), `und` (undetermined) and
 * `zxx` (no linguistic content). They are in the standard but name no
 * language, so two people who both have one need not be able to talk.
 */
const specialCodes: readonly string[] = Object.freeze(all.filter((record) => record.scope === 'special').map((record) => record.code));
const special: ReadonlySet<string> = new Set(specialCodes);

export const languagesInfo: DataSetInfo = checkedInfo('iso-639-3', file);

/**
 * True for an ISO 639-3 code (exact, lower case) that names a language or
 * macrolanguage, e.g. 'apc', 'prs', 'nld', 'ara'; false for the special codes
 * (`isSpecialLanguageCode`) and for anything not in the list.
 */
export function isLanguageCode(code: string): boolean {
  return byCode.has(code) && !special.has(code);
}

/** True for ISO 639-3's special codes, which are in the list but name no language: 'mis', 'mul', 'und', 'zxx'. */
export function isSpecialLanguageCode(code: string): boolean {
  return special.has(code);
}

/** The special codes, in code order (see `isSpecialLanguageCode`). */
export function specialLanguageCodes(): readonly string[] {
  return specialCodes;
}

/**
 * True for an ISO 639-3 macrolanguage code (scope `macrolanguage` in the
 * data, exact, lower case), e.g. 'ara', 'kur', 'zho'; false for the member
 * languages ('apc', 'kmr', 'cmn'), every other code and anything not in the list.
 */
export function isMacrolanguageCode(code: string): boolean {
  return byCode.get(code)?.scope === 'macrolanguage';
}

/** The full record for an ISO 639-3 code (special codes too, so stored ones can still be named). */
export function language(code: string): Language | undefined {
  return byCode.get(code);
}

/** English reference name, e.g. 'tir' -> 'Tigrinya'. */
export function languageName(code: string): string | undefined {
  return byCode.get(code)?.name;
}

/** ISO 639-3 code of the macrolanguage, e.g. 'apc' -> 'ara', 'prs' -> 'fas'; undefined if none. */
export function macrolanguageOf(code: string): string | undefined {
  return byCode.get(code)?.macrolanguage;
}

/** Every record in the shipped list, in code order, the special codes included (filter with `isLanguageCode`). */
export function listLanguages(): readonly Language[] {
  return all;
}
