/**
 * Language: how well the pair can talk. The best pair of languages the two
 * share at the policy's minimum level or better, credited by the shared level
 * (the lower of the two sides' levels: a conversation runs at the weaker
 * speaker's level), times the macrolanguage credit when the two speak
 * different varieties of one macrolanguage (e.g. `apc` and `arb`, both `ara`)
 * that the policy does not keep separate.
 */
import type { LanguageLevel, LanguageSkill } from '@sleutel/domain';
import { canBeShared, LEVEL_BY_RANK, LEVEL_RANK, languageGroupOf } from '../measures/language-levels';
import { LanguageParameters } from '../policy/scoring-policy';
import { separateMacrolanguagesOf } from '../policy/separate-macrolanguages';

export interface LanguageRaw {
  /** Normalised value in [0, 1]. */
  readonly value: number;
  readonly newcomerLanguage: string;
  readonly keyPersonLanguage: string;
  /** The lower of the two levels. */
  readonly sharedLevel: LanguageLevel;
  /** The macrolanguage the two share when their languages differ, else `null`; never one the policy keeps separate. */
  readonly viaMacrolanguage: string | null;
}

/** `sharedRank` is 1 (conversational) to 3 (native). The index calls this too: keep it the only formula. */
export function languageValue(sharedRank: number, exact: boolean, parameters: LanguageParameters): number {
  const credit =
    sharedRank >= LEVEL_RANK.native ? parameters.levelCredit.native : sharedRank === LEVEL_RANK.fluent ? parameters.levelCredit.fluent : parameters.levelCredit.conversational;
  return exact ? credit : credit * parameters.macrolanguageCredit;
}

/** The best shared pair, or `null` when none reaches `minRank`; among equal values the newcomer's earlier language wins. */
export function bestSharedLanguage(
  newcomer: readonly LanguageSkill[],
  keyPerson: readonly LanguageSkill[],
  minRank: number,
  parameters: LanguageParameters,
): LanguageRaw | null {
  const separate = separateMacrolanguagesOf(parameters);
  let best: LanguageRaw | null = null;
  for (const mine of newcomer) {
    if (LEVEL_RANK[mine.level] < minRank || !canBeShared(mine.code)) continue;
    const group = languageGroupOf(mine.code, separate);
    for (const theirs of keyPerson) {
      if (LEVEL_RANK[theirs.level] < minRank || languageGroupOf(theirs.code, separate) !== group) continue;
      const sharedRank = Math.min(LEVEL_RANK[mine.level], LEVEL_RANK[theirs.level]);
      const exact = mine.code === theirs.code;
      const value = languageValue(sharedRank, exact, parameters);
      if (best === null || value > best.value) {
        best = {
          value,
          newcomerLanguage: mine.code,
          keyPersonLanguage: theirs.code,
          sharedLevel: LEVEL_BY_RANK[sharedRank],
          viaMacrolanguage: exact ? null : group,
        };
      }
    }
  }
  return best;
}
