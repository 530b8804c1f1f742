/**
 * A newcomer translated into the index's numbers once per request: interned
 * languages that can count as shared, the posting groups to walk, needs as
 * (bit, weight) in the newcomer's order, and per-municipality distance and
 * proximity contribution so the loop only indexes arrays.
 *
 * The index is the same for every policy: its postings group languages by
 * macrolanguage. A policy that keeps a macrolanguage separate is applied
 * here: the newcomer's languages of it are marked so that only the same
 * language matches, and a key person found through their posting still has
 * to pass `sharesIndexedLanguage` (`separates`). Walking the macrolanguage's
 * posting visits no one a policy without separation would not visit.
 */
import { TOPICS } from '@sleutel/domain';
import { expertiseValue, needWeight } from '../components/expertise.component';
import { languageValue } from '../components/language.component';
import { proximityValue } from '../components/proximity.component';
import { canBeShared, LEVEL_RANK, macrolanguageGroupOf } from '../measures/language-levels';
import { distanceByIndex, MUNICIPALITY_COUNT, municipalityIndex } from '../measures/municipality-distance';
import { COMPONENT_INDEX, LanguageParameters } from '../policy/scoring-policy';
import { separateMacrolanguagesOf } from '../policy/separate-macrolanguages';
import { contributionOf } from '../scoring/contributions';
import { NewcomerFacts } from '../scoring/newcomer-facts';
import { genderCode, KeyPersonTable, topicBit, UNKNOWN_MUNICIPALITY } from './key-person-table';

export interface NewcomerQuery {
  /**
   * `[language, group, rank, separate, …]` (four numbers each) of the newcomer's
   * languages at the minimum shared level or better, whose macrolanguage group
   * some key person has; never a special code (`canBeShared`). `separate` is 1
   * when the policy keeps the group's macrolanguage separate: then only the
   * same language matches (and one that no key person speaks is left out).
   */
  readonly languages: Int32Array;
  /** Distinct groups of `languages`: the postings to walk. */
  readonly groups: readonly number[];
  /** Some language is `separate`: the postings then hold key persons who share none, and each visit checks `sharesIndexedLanguage`. */
  readonly separates: boolean;
  /** The best language value any key person could reach: a native speaker of the newcomer's best qualifying language. */
  readonly languageCeiling: number;
  /** Gender code a key person must have, or -1 when no gender is required. */
  readonly requiredGender: number;
  /** Gender code the gender component rewards, or -1 when that component does not apply. */
  readonly preferredGender: number;
  /** Interned origin country; -1 when no key person has it. */
  readonly origin: number;
  readonly needBits: Int32Array;
  readonly needWeights: Float64Array;
  readonly totalNeedWeight: number;
  /** Expertise contribution by `expertise mask & needs mask`; NaN until first computed. */
  readonly expertiseContribution: Float64Array;
  readonly needsMask: number;
  /** km to each municipality by index (NaN when unknown) and the proximity contribution at that distance. */
  readonly kmTo: Float64Array;
  readonly proximityContributionTo: Float64Array;
}

export function newcomerQuery(facts: NewcomerFacts, table: KeyPersonTable): NewcomerQuery {
  const { newcomer, policy } = facts;
  const separate = separateMacrolanguagesOf(policy.parameters.language);
  const languages: number[] = [];
  const groups: number[] = [];
  let separates = false;
  for (const skill of newcomer.languages) {
    const rank = LEVEL_RANK[skill.level];
    const macrolanguage = macrolanguageGroupOf(skill.code);
    const group = table.languageIds.lookup(macrolanguage);
    if (rank < facts.minSharedRank || group < 0 || !canBeShared(skill.code)) continue;
    const language = table.languageIds.lookup(skill.code);
    const apart = separate.includes(macrolanguage);
    if (apart && language < 0) continue;
    languages.push(language, group, rank, apart ? 1 : 0);
    separates ||= apart;
    if (!groups.includes(group)) groups.push(group);
  }
  const { keyPersonGender, genderRequired } = newcomer.preferences;
  const needBits = Int32Array.from(newcomer.needs.map((need) => topicBit(need.topic)));
  const needWeights = Float64Array.from(newcomer.needs.map((need) => needWeight(need, policy.parameters.expertise)));
  // Summed in the newcomer's order, exactly as expertiseOf does.
  let totalNeedWeight = 0;
  for (const weight of needWeights) totalNeedWeight += weight;
  const home = municipalityIndex(newcomer.municipality);
  // One entry more than there are municipalities: UNKNOWN_MUNICIPALITY, a code without a centroid.
  const kmTo = new Float64Array(MUNICIPALITY_COUNT + 1);
  const proximityContributionTo = new Float64Array(MUNICIPALITY_COUNT + 1);
  for (let m = 0; m <= MUNICIPALITY_COUNT; m += 1) {
    const km = m === UNKNOWN_MUNICIPALITY ? null : distanceByIndex(home, m);
    kmTo[m] = km ?? Number.NaN;
    proximityContributionTo[m] = contributionOf(proximityValue(km, policy.parameters.proximity), facts.factors[COMPONENT_INDEX.proximity]);
  }
  let languageCeiling = 0;
  for (let i = 2; i < languages.length; i += 4) languageCeiling = Math.max(languageCeiling, languageValue(languages[i], true, policy.parameters.language));
  return {
    languages: Int32Array.from(languages),
    groups,
    separates,
    languageCeiling,
    requiredGender: genderRequired && keyPersonGender !== 'any' ? genderCode(keyPersonGender) : -1,
    preferredGender: facts.applies.gender && keyPersonGender !== 'any' ? genderCode(keyPersonGender) : -1,
    origin: table.countryIds.lookup(newcomer.origin.country),
    needBits,
    needWeights,
    totalNeedWeight,
    expertiseContribution: new Float64Array(1 << TOPICS.length).fill(Number.NaN),
    needsMask: needBits.reduce((mask, bit) => mask | bit, 0),
    kmTo,
    proximityContributionTo,
  };
}

/** The expertise contribution for a key person's topic mask, memoised per distinct overlap with the needs. */
export function expertiseContribution(query: NewcomerQuery, expertiseMask: number, factor: number): number {
  const key = expertiseMask & query.needsMask;
  let contribution = query.expertiseContribution[key];
  if (Number.isNaN(contribution)) {
    let covered = 0;
    for (let i = 0; i < query.needBits.length; i += 1) if ((key & query.needBits[i]) !== 0) covered += query.needWeights[i];
    contribution = contributionOf(expertiseValue(covered, query.totalNeedWeight), factor);
    query.expertiseContribution[key] = contribution;
  }
  return contribution;
}

/**
 * Whether a key person's `[language, group, rank]` triple at `t` and a wanted
 * language at `w` (`NewcomerQuery.languages`) count as one shared language:
 * the same macrolanguage group, or the same language when it is separate.
 * `languageGroupOf` in the index's numbers.
 */
function sameGroup(theirs: Int32Array, t: number, wanted: Int32Array, w: number): boolean {
  return wanted[w + 3] === 1 ? wanted[w] === theirs[t] : wanted[w + 1] === theirs[t + 1];
}

/** The language component's value: the best pair of a key person's triples and the wanted languages, as `bestSharedLanguage` computes it. */
export function bestLanguageValue(theirs: Int32Array, wanted: Int32Array, minRank: number, parameters: LanguageParameters): number {
  let best = 0;
  for (let t = 0; t < theirs.length; t += 3) {
    const theirRank = theirs[t + 2];
    if (theirRank < minRank) continue;
    for (let w = 0; w < wanted.length; w += 4) {
      if (!sameGroup(theirs, t, wanted, w)) continue;
      const value = languageValue(Math.min(theirRank, wanted[w + 2]), wanted[w] === theirs[t], parameters);
      if (value > best) best = value;
    }
  }
  return best;
}

/** Whether a key person shares a wanted language at `minRank` or better, as `sharesLanguage` decides it (the wanted ones are at `minRank` already). */
export function sharesIndexedLanguage(theirs: Int32Array, wanted: Int32Array, minRank: number): boolean {
  for (let t = 0; t < theirs.length; t += 3) {
    if (theirs[t + 2] < minRank) continue;
    for (let w = 0; w < wanted.length; w += 4) if (sameGroup(theirs, t, wanted, w)) return true;
  }
  return false;
}
