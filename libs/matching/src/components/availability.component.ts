/**
 * Availability: weekly hours both can meet, credited linearly up to the
 * policy's `fullCreditHours` (more shared time makes the first meetings easier
 * to plan; beyond a few hours it adds nothing).
 */
import { AvailabilityParameters } from '../policy/scoring-policy';

export interface AvailabilityRaw {
  /** Normalised value in [0, 1]. */
  readonly value: number;
  /** Weekly overlap in hours (within the weekdays both availabilities' dates allow). */
  readonly overlapHours: number;
  /** True when the overlap requirement was waived because both accept remote contact. */
  readonly overlapWaived: boolean;
}

export function availabilityValue(overlapMinutes: number, parameters: AvailabilityParameters): number {
  return Math.min(1, overlapMinutes / 60 / parameters.fullCreditHours);
}

export function availabilityOf(overlapMinutes: number, overlapWaived: boolean, parameters: AvailabilityParameters): AvailabilityRaw {
  return { value: availabilityValue(overlapMinutes, parameters), overlapHours: overlapMinutes / 60, overlapWaived };
}
