/**
 * Expertise: the share of the newcomer's needs the key person knows about,
 * each need weighted by its priority (priority 1 weighs most). Absent from the
 * score when the newcomer has no needs: it would be the same for everyone.
 */
import type { Need, Topic } from '@sleutel/domain';
import { ExpertiseParameters } from '../policy/scoring-policy';

export interface ExpertiseRaw {
  /** Normalised value in [0, 1]: covered priority weight / total priority weight. */
  readonly value: number;
  /** Needs the key person has expertise in, in the newcomer's order. */
  readonly covered: readonly Topic[];
  readonly uncovered: readonly Topic[];
}

export function needWeight(need: Need, parameters: ExpertiseParameters): number {
  return parameters.priorityWeights[need.priority];
}

/**
 * Sums in the newcomer's order of needs, as the index does, so both give the
 * same floating-point value.
 */
export function expertiseOf(needs: readonly Need[], expertise: readonly Topic[], parameters: ExpertiseParameters): ExpertiseRaw {
  let coveredWeight = 0;
  let totalWeight = 0;
  const covered: Topic[] = [];
  const uncovered: Topic[] = [];
  for (const need of needs) {
    const weight = needWeight(need, parameters);
    totalWeight += weight;
    if (expertise.includes(need.topic)) {
      coveredWeight += weight;
      covered.push(need.topic);
    } else {
      uncovered.push(need.topic);
    }
  }
  return { value: expertiseValue(coveredWeight, totalWeight), covered, uncovered };
}

export function expertiseValue(coveredWeight: number, totalWeight: number): number {
  return totalWeight > 0 ? coveredWeight / totalWeight : 0;
}
