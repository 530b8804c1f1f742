/**
 * One newcomer against one key person: the first hard constraint the pair
 * fails, or its score. The reference semantics every faster path must match.
 */
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';
import type { ExclusionReason } from '../exclusion-reason';
import { firstBrokenStandingConstraint, firstFailedConstraint } from '../constraints/hard-constraints';
import { ScoringPolicy } from '../policy/scoring-policy';
import type { Assessment } from '../ranking/ranking.types';
import { CandidatePair } from './candidate-pair';
import { NewcomerFacts, newcomerFacts } from './newcomer-facts';
import { scorePair } from './score-pair';

export function assessWithFacts(facts: NewcomerFacts, keyPerson: MatchingKeyPerson): Assessment {
  const pair = new CandidatePair(facts, keyPerson);
  const reason = firstFailedConstraint(pair);
  return reason === null ? { feasible: true, candidate: scorePair(pair) } : { feasible: false, reason };
}

/** For a single pair, e.g. to tell a coordinator why a key person they had in mind was not proposed. */
export function assess(newcomer: MatchingNewcomer, keyPerson: MatchingKeyPerson, policy: ScoringPolicy, now: string): Assessment {
  return assessWithFacts(newcomerFacts(newcomer, policy, now), keyPerson);
}

/**
 * Whether a pair that was proposed still meets the hard constraints between
 * the two people now that a profile changed: the first it breaks, or null.
 */
export function brokenConstraintOf(newcomer: MatchingNewcomer, keyPerson: MatchingKeyPerson, policy: ScoringPolicy, now: string): ExclusionReason | null {
  return firstBrokenStandingConstraint(new CandidatePair(newcomerFacts(newcomer, policy, now), keyPerson));
}
