/**
 * Plain ranking: every candidate through `assess`. The reference the
 * candidate index must reproduce exactly, and what an auditor uses to score a
 * proposal again from the log. Key-person ids must be unique; the policy must
 * be valid (`validatePolicy`).
 */
import { noExclusions } from '../exclusion-reason';
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';
import { ScoringPolicy } from '../policy/scoring-policy';
import { assessWithFacts } from '../scoring/assess';
import { bestAttainableScore } from '../scoring/best-attainable';
import { newcomerFacts } from '../scoring/newcomer-facts';
import { compareCandidates } from './ranking-order';
import type { Ranking, ScoredCandidate } from './ranking.types';

export function rank(newcomer: MatchingNewcomer, candidates: readonly MatchingKeyPerson[], policy: ScoringPolicy, now: string): Ranking {
  const facts = newcomerFacts(newcomer, policy, now);
  const excluded = noExclusions();
  const ranking: ScoredCandidate[] = [];
  for (const keyPerson of candidates) {
    const assessment = assessWithFacts(facts, keyPerson);
    if (assessment.feasible) ranking.push(assessment.candidate);
    else excluded[assessment.reason] += 1;
  }
  ranking.sort(compareCandidates);
  return { ranking, considered: candidates.length, excluded, policyVersion: policy.version, bestAttainable: bestAttainableScore(facts) };
}
