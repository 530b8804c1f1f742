/**
 * A rule a pairing must satisfy whatever its score (SPEC §4 inv. 3–5). Each
 * lives in its own `*.constraint.ts` file and names its stable reason code.
 */
import type { ExclusionReason } from '../exclusion-reason';
import type { CandidatePair } from '../scoring/candidate-pair';

export interface HardConstraint {
  readonly reason: ExclusionReason;
  /** True when the pair breaks the rule, i.e. the key person must not be proposed. */
  excludes(pair: CandidatePair): boolean;
}
