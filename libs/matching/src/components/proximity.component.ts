/**
 * Proximity: credit h / (h + km) for the distance between municipality
 * centroids, 1 in the same municipality and half at `halfDistanceKm`.
 *
 * It counts for remote pairs too: a key person nearby knows the same
 * municipality's services (its social team, GP practices, housing
 * corporation) and can still meet when it matters. Remote contact waives the
 * travel radius, not the value of being local. A hyperbola rather than an
 * exponential because it needs only IEEE-exact arithmetic (SPEC §4 inv. 7).
 */
import { ProximityParameters } from '../policy/scoring-policy';

export interface ProximityRaw {
  /** Normalised value in [0, 1]. */
  readonly value: number;
  /** Centroid distance; `null` when a municipality has no known centroid (then the value is 0). */
  readonly km: number | null;
}

export function proximityValue(km: number | null, parameters: ProximityParameters): number {
  return km === null ? 0 : parameters.halfDistanceKm / (parameters.halfDistanceKm + km);
}

export function proximityOf(km: number | null, parameters: ProximityParameters): ProximityRaw {
  return { value: proximityValue(km, parameters), km };
}
