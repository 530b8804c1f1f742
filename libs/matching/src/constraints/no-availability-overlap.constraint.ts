/**
 * At least `minOverlapMinutes` of weekly overlap (SPEC §4 inv. 5), waived when
 * both accept remote contact and the policy allows asynchronous contact. Never
 * waived when the two availabilities' date ranges leave no common day from
 * today on: a key person whose availability has ended cannot be reached at all.
 */
import { HardConstraint } from './hard-constraint';

export const noAvailabilityOverlap: HardConstraint = {
  reason: 'no-availability-overlap',
  excludes: (pair) => {
    if (pair.commonWeekdays === 0) return true;
    if (pair.overlapWaived) return false;
    return pair.overlapMinutes < pair.policy.constraints.minOverlapMinutes;
  },
};
