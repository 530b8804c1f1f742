/**
 * A ranking computed again, with the best attainable score as the stored
 * explanation computed it: explanations recorded until 2026-11-30 (without
 * `bestAttainableWithinDates`) counted every weekly slot of the newcomer's,
 * whatever their date range left. Only `bestAttainable` (and so `shareOfBest`)
 * differs; scores and order never did.
 */
import type { MatchingNewcomer } from '../matching-newcomer';
import { ScoringPolicy } from '../policy/scoring-policy';
import { bestAttainableIgnoringDates } from '../scoring/best-attainable';
import { newcomerFacts } from '../scoring/newcomer-facts';
import type { Ranking } from './ranking.types';

export function withBestAttainableAsRecorded(
  ranking: Ranking, recorded: { readonly bestAttainableWithinDates?: unknown }, newcomer: MatchingNewcomer, policy: ScoringPolicy, now: string,
): Ranking {
  if (recorded.bestAttainableWithinDates === true) return ranking;
  return { ...ranking, bestAttainable: bestAttainableIgnoringDates(newcomerFacts(newcomer, policy, now)) };
}
