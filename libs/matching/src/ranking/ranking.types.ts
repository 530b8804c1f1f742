/**
 * What ranking returns and what a proposal stores (SPEC §5, §9).
 */
import type { ComponentExplanation } from '../components/component-explanation';
import type { ExclusionCounts, ExclusionReason } from '../exclusion-reason';

/** A feasible key person with their score and its parts. */
export interface ScoredCandidate {
  readonly keyPersonId: string;
  /** In [0, 1]; exactly the sum of the components' contributions. */
  readonly score: number;
  /** The components that apply, in `COMPONENT_NAMES` order. */
  readonly components: readonly ComponentExplanation[];
}

export interface Ranking {
  /** Feasible candidates, best first: score descending, then key-person id ascending (code-unit order). */
  readonly ranking: readonly ScoredCandidate[];
  /** How many key persons were looked at. */
  readonly considered: number;
  /** Per reason, how many were excluded by it as their first failed constraint; sums to considered − feasible. */
  readonly excluded: ExclusionCounts;
  readonly policyVersion: number;
  /** The score an ideal key person would get for this newcomer (see best-attainable.ts). */
  readonly bestAttainable: number;
}

export type Assessment =
  | { readonly feasible: true; readonly candidate: ScoredCandidate }
  | { readonly feasible: false; readonly reason: ExclusionReason };

export interface Alternative {
  readonly keyPersonId: string;
  readonly score: number;
  /** Explained score minus this one's: how much better the explained candidate scored. */
  readonly gap: number;
}

/** Why a key person was proposed: stored with the proposal, shown to coordinators and auditors. */
export interface Explanation {
  readonly keyPersonId: string;
  readonly components: readonly ComponentExplanation[];
  readonly score: number;
  /**
   * score / bestAttainable: how close this pairing comes to the best any key
   * person could be for this newcomer under this policy (1 when nobody could
   * score anything).
   */
  readonly shareOfBest: number;
  readonly bestAttainable: number;
  /**
   * Always true: `bestAttainable` counts only the weekdays the newcomer's own
   * date range leaves from the scoring day. Explanations recorded
   * until 2026-11-30 lack it; theirs counted every weekly slot (see best-attainable.ts).
   */
  readonly bestAttainableWithinDates: true;
  readonly policyVersion: number;
  readonly considered: number;
  readonly excluded: ExclusionCounts;
  /** The next best three other feasible candidates, best first. */
  readonly alternatives: readonly Alternative[];
}
