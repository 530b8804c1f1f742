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
