/**
 * Ranking through the candidate index: the same result as `rank` over every
 * indexed key person, while visiting only those who could reach the newcomer
 * and share a language with them.
 *
 * - `not-active` and `no-capacity` are running counts kept by the index.
 * - `do-not-match` and `previously-failed` are look-ups of the newcomer's few ids.
 * - `out-of-radius` comes from the reach counter (a binary search per municipality).
 * - The postings of the newcomer's language groups at the policy's minimum
 *   level, restricted to municipalities whose key persons would travel that
 *   far (plus remote-only ones when the newcomer accepts remote contact), are
 *   exactly the reachable key persons who share a language — or, when the
 *   policy keeps one of those macrolanguages separate, a few more, whom the
 *   visit checks and leaves uncounted; every other reachable one fails
 *   `no-shared-language`, so that count is what remains.
 * - Visited candidates go through the remaining constraints on typed arrays,
 *   and feasible ones are scored with the same value and contribution
 *   functions as the plain path — unless an upper bound shows they cannot
 *   make the best `limit`, which spares the language and (waived) overlap work.
 * - Only the best `limit` are then assessed by the plain code, which builds
 *   their explanations; a score that differs there is a bug and throws.
 */
import { availabilityValue } from '../components/availability.component';
import { loadValue } from '../components/load.component';
import { waitingValue } from '../components/waiting.component';
import { ExclusionCounts, ExclusionReason, noExclusions } from '../exclusion-reason';
import type { MatchingNewcomer } from '../matching-newcomer';
import { commonWeekdays } from '../measures/availability-period';
import { overlapMinutes, totalMinutes } from '../measures/weekly-intervals';
import { COMPONENT_INDEX, ScoringPolicy } from '../policy/scoring-policy';
import { compareIds } from '../ranking/ranking-order';
import type { Ranking, ScoredCandidate } from '../ranking/ranking.types';
import { assessWithFacts } from '../scoring/assess';
import { bestAttainableScore } from '../scoring/best-attainable';
import { contributionOf } from '../scoring/contributions';
import { NewcomerFacts, newcomerFacts } from '../scoring/newcomer-facts';
import { KeyPersonTable } from './key-person-table';
import { LanguagePostings, postingKey } from './language-postings';
import { bestLanguageValue, expertiseContribution, newcomerQuery, sharesIndexedLanguage } from './newcomer-query';
import { ReachCounter } from './reach-counter';
import { TopCandidates } from './top-candidates';

/** What the ranking loop reads from the index. */
export interface IndexView {
  readonly table: KeyPersonTable;
  readonly postings: LanguagePostings;
  readonly reach: ReachCounter;
  readonly notActive: number;
  readonly noCapacity: number;
  /** A per-slot mark array and a fresh mark value no slot carries yet. */
  freshMark(): { readonly marks: Uint32Array; readonly mark: number };
}

/** Every feasible key person's score for one newcomer, without explanations: a cohort run's edges. */
export interface FeasibleScores {
  /** Best first, like a ranking: score descending, then key-person id ascending. */
  readonly scores: readonly { readonly keyPersonId: string; readonly score: number }[];
  readonly considered: number;
  readonly excluded: ExclusionCounts;
}

/** Where the visiting loop offers each feasible (slot, score); an offer below `threshold` may be skipped unscored. */
interface CandidateSink {
  readonly threshold: number;
  offer(slot: number, score: number): void;
}

export function rankIndexed(index: IndexView, newcomer: MatchingNewcomer, policy: ScoringPolicy, now: string, limit: number): Ranking {
  const facts = newcomerFacts(newcomer, policy, now);
  const top = new TopCandidates(limit, (slot) => index.table.ids[slot]);
  const excluded = visitFeasible(index, facts, newcomer, policy, top);
  const ranking = top.best().map(({ slot, score }) => explained(facts, index.table, slot, score));
  return { ranking, considered: index.table.size, excluded, policyVersion: policy.version, bestAttainable: bestAttainableScore(facts) };
}

/**
 * The scores `rankIndexed` would explain, for every feasible key person, in
 * the ranking's order; the same visiting loop with nothing pruned. Scores
 * are exact multiples of 2⁻⁴⁰, equal to the plain path's (the rank property
 * tests hold `rankIndexed`, and so this loop, to that).
 */
export function scoreFeasible(index: IndexView, newcomer: MatchingNewcomer, policy: ScoringPolicy, now: string): FeasibleScores {
  const facts = newcomerFacts(newcomer, policy, now);
  const offered: { slot: number; score: number }[] = [];
  const excluded = visitFeasible(index, facts, newcomer, policy, { threshold: Number.NEGATIVE_INFINITY, offer: (slot, score) => offered.push({ slot, score }) });
  const { ids } = index.table;
  const scores = offered
    .sort((a, b) => b.score - a.score || compareIds(ids[a.slot], ids[b.slot]))
    .map(({ slot, score }) => ({ keyPersonId: ids[slot], score }));
  return { scores, considered: index.table.size, excluded };
}

/** Counts the exclusions and offers every feasible key person with its score to `sink`. */
function visitFeasible(index: IndexView, facts: NewcomerFacts, newcomer: MatchingNewcomer, policy: ScoringPolicy, sink: CandidateSink): ExclusionCounts {
  const { table } = index;
  const query = newcomerQuery(facts, table);
  const { kmTo, proximityContributionTo, requiredGender, preferredGender, origin } = query;
  const { eligible, gender, municipality, radiusKm, remoteOnly } = table;
  const remoteOk = newcomer.preferences.remoteOk;
  const outOfReach = (slot: number): boolean => (remoteOnly[slot] === 1 ? !remoteOk : !(kmTo[municipality[slot]] <= radiusKm[slot]));

  const excluded = noExclusions();
  excluded['not-active'] = index.notActive;
  excluded['no-capacity'] = index.noCapacity;
  // Marked slots are settled: blocked by the newcomer's lists, or already visited through another posting.
  const { marks, mark } = index.freshMark();
  let blockedOutOfReach = 0;
  const block = (ids: readonly string[], reason: ExclusionReason): void => {
    for (const id of ids) {
      const slot = table.slotOf(id);
      if (slot === undefined || marks[slot] === mark) continue;
      marks[slot] = mark;
      if (eligible[slot] === 0) continue;
      excluded[reason] += 1;
      if (outOfReach(slot)) blockedOutOfReach += 1;
    }
  };
  block(newcomer.doNotMatch, 'do-not-match');
  block(newcomer.excludedKeyPersons, 'previously-failed');
  excluded['out-of-radius'] = index.reach.outOfReach(kmTo, remoteOk) - blockedOutOfReach;
  const reachable = table.size - index.notActive - index.noCapacity - excluded['do-not-match'] - excluded['previously-failed'] - excluded['out-of-radius'];

  const { factors, today, intervals: mine } = facts;
  const { from: myFrom, until: myUntil } = facts.bounds;
  const { minOverlapMinutes, allowAsynchronousRemote } = policy.constraints;
  const declinesSameOrigin = newcomer.preferences.sameOrigin === 'no';
  const originContribution = facts.applies.origin ? contributionOf(1, factors[COMPONENT_INDEX.origin]) : 0;
  // 0 unless the component applies; then only a key person of the preferred gender earns it (preferredGender is -1 otherwise).
  const genderContribution = preferredGender >= 0 ? contributionOf(1, factors[COMPONENT_INDEX.gender]) : 0;
  const waitingContribution = contributionOf(waitingValue(facts.waitingDays, policy.parameters.waiting), factors[COMPONENT_INDEX.waiting]);
  // Upper bounds for pruning: no candidate's language or availability credit exceeds the ideal key person's.
  const languageCeiling = contributionOf(query.languageCeiling, factors[COMPONENT_INDEX.language]);
  const availabilityCeiling = contributionOf(availabilityValue(totalMinutes(mine), policy.parameters.availability), factors[COMPONENT_INDEX.availability]);
  let sharing = 0;
  let genderExcluded = 0;
  let originExcluded = 0;
  let overlapExcluded = 0;

  /** A reachable key person who shares a language: the remaining constraints, then the score. */
  const visit = (slot: number): void => {
    if (marks[slot] === mark) return;
    marks[slot] = mark;
    if (eligible[slot] === 0) return;
    // Within a macrolanguage the policy keeps separate, the posting holds speakers of its other languages too.
    if (query.separates && !sharesIndexedLanguage(table.languages[slot], query.languages, facts.minSharedRank)) return;
    sharing += 1;
    if (requiredGender >= 0 && gender[slot] !== requiredGender) {
      genderExcluded += 1;
      return;
    }
    if (declinesSameOrigin && table.origin[slot] === origin) {
      originExcluded += 1;
      return;
    }
    const weekdays = commonWeekdays(today, myFrom, myUntil, table.availableFrom[slot], table.availableUntil[slot]);
    const waived = remoteOk && remoteOnly[slot] === 1 && allowAsynchronousRemote;
    // A waived overlap is only needed for the score, so it waits until the candidate might make the cut.
    let overlap = weekdays === 0 || waived ? -1 : overlapMinutes(mine, table.intervals[slot], weekdays);
    if (weekdays === 0 || (!waived && overlap < minOverlapMinutes)) {
      overlapExcluded += 1;
      return;
    }
    // Contributions are multiples of 2⁻⁴⁰, so these sums are exact in any order and equal the plain path's.
    const known =
      expertiseContribution(query, table.expertise[slot], factors[COMPONENT_INDEX.expertise]) +
      proximityContributionTo[municipality[slot]] +
      contributionOf(loadValue(table.load[slot], table.capacity[slot]), factors[COMPONENT_INDEX.load]) +
      waitingContribution +
      (table.origin[slot] === origin ? originContribution : 0) +
      (gender[slot] === preferredGender ? genderContribution : 0);
    // Cannot reach the worst kept score even with the best language and availability credit: skip the costly parts.
    if (known + languageCeiling + availabilityCeiling < sink.threshold) return;
    if (overlap < 0) overlap = overlapMinutes(mine, table.intervals[slot], weekdays);
    const score =
      known +
      contributionOf(bestLanguageValue(table.languages[slot], query.languages, facts.minSharedRank, policy.parameters.language), factors[COMPONENT_INDEX.language]) +
      contributionOf(availabilityValue(overlap, policy.parameters.availability), factors[COMPONENT_INDEX.availability]);
    sink.offer(slot, score);
  };

  for (const group of query.groups) {
    const posting = index.postings.get(postingKey(group, facts.minSharedRank));
    if (posting === undefined) continue;
    for (let place = 0; place < posting.nearby.length; place += 1) {
      const here = posting.nearby[place];
      const km = kmTo[place];
      if (here === undefined || !(km >= 0)) continue;
      // Ordered by radius, largest first: stop at the first who would not travel this far.
      const { slots, radii } = here;
      for (let i = 0; i < slots.length && radii[i] >= km; i += 1) visit(slots[i]);
    }
    if (remoteOk) {
      const { slots, length } = posting.remoteOnly;
      for (let i = 0; i < length; i += 1) visit(slots[i]);
    }
  }
  excluded['no-shared-language'] = reachable - sharing;
  excluded['gender-required'] = genderExcluded;
  excluded['same-origin-declined'] = originExcluded;
  excluded['no-availability-overlap'] = overlapExcluded;
  return excluded;
}

function explained(facts: NewcomerFacts, table: KeyPersonTable, slot: number, score: number): ScoredCandidate {
  const record = table.records[slot];
  const assessment = record === undefined ? null : assessWithFacts(facts, record);
  if (assessment === null || !assessment.feasible || assessment.candidate.score !== score) {
    throw new Error(`Candidate index and plain scoring disagree on key person ${table.ids[slot]}: a bug in libs/matching`);
  }
  return assessment.candidate;
}
