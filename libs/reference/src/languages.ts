import languageData from '../data/iso-639-3.json';
import { checkedInfo, indexByCode, type DataFile } from './dataset';
import type { DataSetInfo, Language } from './types';

const file: DataFile<Language> = languageData;
const byCode = indexByCode('iso-639-3', file.records);
const all: readonly Language[] = Object.freeze([...byCode.values()]);

export const languagesInfo: DataSetInfo = checkedInfo('iso-639-3', file);

/** True for an ISO 639-3 code (exact, lower case), e.g. 'apc', 'prs', 'nld'. */
export function isLanguageCode(code: string): boolean {
  return byCode.has(code);
}

/** The full record for an ISO 639-3 code. */
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

/** All languages in the shipped list, in code order. */
export function listLanguages(): readonly Language[] {
  return all;
}
