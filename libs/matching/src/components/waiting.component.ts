/**
 * Waiting: days since the newcomer started waiting, credited linearly up to
 * `fullBonusDays`. Equal for all of one newcomer's candidates, so it never
 * changes who is proposed on demand; in a cohort run it lifts those who have
 * waited longest, so nobody waits forever (SPEC §5).
 */
import { WaitingParameters } from '../policy/scoring-policy';

export interface WaitingRaw {
  /** Normalised value in [0, 1]. */
  readonly value: number;
  /** Fractional days; 0 when `waitingSince` lies after `now`. */
  readonly days: number;
}

export function waitingValue(days: number, parameters: WaitingParameters): number {
  return Math.min(1, days / parameters.fullBonusDays);
}

export function waitingOf(days: number, parameters: WaitingParameters): WaitingRaw {
  return { value: waitingValue(days, parameters), days };
}
