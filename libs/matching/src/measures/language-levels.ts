/**
 * Language levels as ranks, and languages grouped by macrolanguage: `apc`
 * (Levantine) and `arb` (Standard Arabic) both belong to `ara`; a code that is
 * itself a macrolanguage, or belongs to none, is its own group. Two languages
 * of one group count as shared, with partial credit (see the language component).
 * A policy can keep macrolanguages apart (`separateMacrolanguages`, e.g. `kur`):
 * each code of those is then a group of its own, so Kurmanji and Sorani share
 * nothing while two Kurmanji speakers still share Kurmanji.
 *
 * ISO 639-3's special codes (`mis`, `mul`, `und`, `zxx`) name no language, so
 * they never count as shared: two people who both have `mul` need not be able
 * to talk. Profiles refuse them (the domain's language rule); this keeps
 * profiles stored before that from making a pair feasible or earning credit.
 */
import type { LanguageLevel, LanguageSkill } from '@sleutel/domain';
import { isSpecialLanguageCode, macrolanguageOf } from '@sleutel/reference';

export const LEVEL_RANK: { readonly [L in LanguageLevel]: number } = { basic: 0, conversational: 1, fluent: 2, native: 3 };
export const LEVEL_BY_RANK: readonly LanguageLevel[] = ['basic', 'conversational', 'fluent', 'native'];

/** The lowest rank that can ever count as shared (SPEC §4 inv. 5); index postings below it are useless. */
export const SHARED_RANK_FLOOR = LEVEL_RANK.conversational;

/** The code's macrolanguage, or the code itself when it is a macrolanguage or belongs to none: the group under every policy that separates nothing. */
export function macrolanguageGroupOf(code: string): string {
  return macrolanguageOf(code) ?? code;
}

/**
 * The group within which two codes count as one shared language under a
 * policy that keeps `separate` macrolanguages apart: the macrolanguage group,
 * except that a code of a separate one (the macrolanguage's own code too) is
 * a group of its own.
 */
export function languageGroupOf(code: string, separate: readonly string[]): string {
  const group = macrolanguageGroupOf(code);
  return separate.length > 0 && separate.includes(group) ? code : group;
}

/**
 * Whether a language of this code can count as shared at all: false for the
 * special codes (a Set lookup in @sleutel/reference). A special code is its own
 * group and no language belongs to it, so checking one side of a pair is enough.
 */
export function canBeShared(code: string): boolean {
  return !isSpecialLanguageCode(code);
}

/**
 * Whether both sides speak one language, or two of one macrolanguage not in
 * `separate`, at `minRank` or better; special codes never count.
 */
export function sharesLanguage(a: readonly LanguageSkill[], b: readonly LanguageSkill[], minRank: number, separate: readonly string[]): boolean {
  return a.some(
    (x) =>
      LEVEL_RANK[x.level] >= minRank &&
      canBeShared(x.code) &&
      b.some((y) => LEVEL_RANK[y.level] >= minRank && languageGroupOf(x.code, separate) === languageGroupOf(y.code, separate)),
  );
}
