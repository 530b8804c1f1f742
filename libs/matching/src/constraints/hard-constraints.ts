/**
 * The hard constraints in the order of `EXCLUSION_REASONS`: a candidate is
 * excluded by the first one it fails, so each candidate counts once.
 */
import type { ExclusionReason } from '../exclusion-reason';
import type { CandidatePair } from '../scoring/candidate-pair';
import { doNotMatch } from './do-not-match.constraint';
import { genderRequired } from './gender-required.constraint';
import { HardConstraint } from './hard-constraint';
import { noAvailabilityOverlap } from './no-availability-overlap.constraint';
import { noCapacity } from './no-capacity.constraint';
import { noSharedLanguage } from './no-shared-language.constraint';
import { notActive } from './not-active.constraint';
import { outOfRadius } from './out-of-radius.constraint';
import { previouslyFailed } from './previously-failed.constraint';
import { sameOriginDeclined } from './same-origin-declined.constraint';

export const HARD_CONSTRAINTS: readonly HardConstraint[] = [
  notActive,
  noCapacity,
  doNotMatch,
  previouslyFailed,
  outOfRadius,
  noSharedLanguage,
  genderRequired,
  sameOriginDeclined,
  noAvailabilityOverlap,
];

export function firstFailedConstraint(pair: CandidatePair): ExclusionReason | null {
  for (const constraint of HARD_CONSTRAINTS) if (constraint.excludes(pair)) return constraint.reason;
  return null;
}

/**
 * What a pair already proposed must go on meeting: the constraints between
 * the two people. Not whether the key person takes new proposals (a pause
 * keeps the ones they have; retiring withdraws them anyway), has a place
 * left (this pair holds one), or failed with the newcomer before (not this
 * proposal's business).
 */
const STANDING_PAIR_CONSTRAINTS: readonly HardConstraint[] = HARD_CONSTRAINTS.filter(
  (constraint) => constraint !== notActive && constraint !== noCapacity && constraint !== previouslyFailed,
);

/** The first constraint a standing pair now breaks (after a profile change), or null while it still fits. */
export function firstBrokenStandingConstraint(pair: CandidatePair): ExclusionReason | null {
  for (const constraint of STANDING_PAIR_CONSTRAINTS) if (constraint.excludes(pair)) return constraint.reason;
  return null;
}
