/**
 * Language levels as ranks, and languages grouped by macrolanguage: `apc`
 * (Levantine) and `arb` (Standard Arabic) both belong to `ara`; a code that is
 * itself a macrolanguage, or belongs to none, is its own group. Two languages
 * of one group count as shared, with partial credit (see the language component).
 */
import type { LanguageLevel, LanguageSkill } from '@sleutel/domain';
import { macrolanguageOf } from '@sleutel/reference';

export const LEVEL_RANK: { readonly [L in LanguageLevel]: number } = { basic: 0, conversational: 1, fluent: 2, native: 3 };
export const LEVEL_BY_RANK: readonly LanguageLevel[] = ['basic', 'conversational', 'fluent', 'native'];

/** The lowest rank that can ever count as shared (SPEC §4 inv. 5); index postings below it are useless. */
export const SHARED_RANK_FLOOR = LEVEL_RANK.conversational;

export function languageGroupOf(code: string): string {
  return macrolanguageOf(code) ?? code;
}

/** Whether both sides speak one language, or two of one macrolanguage, at `minRank` or better. */
export function sharesLanguage(a: readonly LanguageSkill[], b: readonly LanguageSkill[], minRank: number): boolean {
  return a.some(
    (x) => LEVEL_RANK[x.level] >= minRank && b.some((y) => LEVEL_RANK[y.level] >= minRank && languageGroupOf(x.code) === languageGroupOf(y.code)),
  );
}
