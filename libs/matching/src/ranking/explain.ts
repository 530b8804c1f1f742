/**
 * The explanation a proposal stores (SPEC §5, §9), taken from a ranking so the
 * numbers are the ones the decision was made with.
 */
import type { Alternative, Explanation, Ranking } from './ranking.types';

const ALTERNATIVES = 3;

/**
 * Explains the ranking's best candidate, or `keyPersonId` when given; `null`
 * when there is nothing to explain (no feasible candidate, or that key person
 * is not in the ranking — e.g. excluded, or beyond the index's `limit`).
 */
export function explain(result: Ranking, keyPersonId?: string): Explanation | null {
  const chosen = keyPersonId === undefined ? result.ranking[0] : result.ranking.find((c) => c.keyPersonId === keyPersonId);
  if (chosen === undefined) return null;
  const alternatives = result.ranking
    .filter((candidate) => candidate !== chosen)
    .slice(0, ALTERNATIVES)
    .map((candidate): Alternative => ({ keyPersonId: candidate.keyPersonId, score: candidate.score, gap: chosen.score - candidate.score }));
  return {
    keyPersonId: chosen.keyPersonId,
    components: chosen.components,
    score: chosen.score,
    shareOfBest: result.bestAttainable > 0 ? Math.min(1, chosen.score / result.bestAttainable) : 1,
    bestAttainable: result.bestAttainable,
    bestAttainableWithinDates: true,
    policyVersion: result.policyVersion,
    considered: result.considered,
    excluded: result.excluded,
    alternatives,
  };
}
