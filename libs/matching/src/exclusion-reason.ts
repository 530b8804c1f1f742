/**
 * Why a key person cannot be proposed to a newcomer: stable codes, stored in
 * explanations and counted per request. The ORDER is part of the contract: a
 * candidate is counted under the first reason that applies, so the counts add
 * up to (considered − feasible). The order reads as a funnel a coordinator can
 * act on: facts about the key person alone (status, capacity), then the pair's
 * history and the newcomer's lists, then who can reach the newcomer at all
 * (radius), then who can talk with them (language), then the newcomer's stated
 * requirements (gender, origin), then time (availability). It is also the
 * order in which the candidate index can count without visiting: everything
 * up to language is counted from indexes, only the rest is checked one by one.
 */
export const EXCLUSION_REASONS = [
  'not-active',
  'no-capacity',
  'do-not-match',
  'previously-failed',
  'out-of-radius',
  'no-shared-language',
  'gender-required',
  'same-origin-declined',
  'no-availability-overlap',
] as const;

export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export type ExclusionCounts = Record<ExclusionReason, number>;

/** Every reason present with 0, in the documented order, so the JSON shape never varies. */
export function noExclusions(): ExclusionCounts {
  return {
    'not-active': 0,
    'no-capacity': 0,
    'do-not-match': 0,
    'previously-failed': 0,
    'out-of-radius': 0,
    'no-shared-language': 0,
    'gender-required': 0,
    'same-origin-declined': 0,
    'no-availability-overlap': 0,
  };
}
