/**
 * The weight of a preferred key-person gender (`weights.gender`), the one
 * weight a policy may leave out. Version 1 and every policy stored before
 * the field existed lack it; such a policy does not weigh the component at
 * all, so its proposals score, rank and explain as they always did (SPEC §4
 * inv. 7). Version 1 itself never changes.
 */
import { ComponentName, ComponentWeights } from './scoring-policy';

/** Whether the policy weighs the gender component: false when `weights.gender` is absent (version 1, and policies stored before it existed). */
export function weighsGender(weights: ComponentWeights): boolean {
  return weights.gender !== undefined;
}

/** The policy's gender weight; 0 when absent. */
export function genderWeightOf(weights: ComponentWeights): number {
  return weights.gender ?? 0;
}

/** A component's weight as configured; gender's, which may be absent, read through `genderWeightOf`. */
export function weightOf(weights: ComponentWeights, name: ComponentName): number {
  return name === 'gender' ? genderWeightOf(weights) : weights[name];
}

/**
 * What we recommend for `weights.gender` in a new policy version. Beside
 * version 1's weights (language 30, expertise 20, availability 15,
 * proximity 15, load 10, waiting 10; origin 20 when asked for): as much as
 * load and half of origin. A newcomer who chose same origin opted in to a
 * wish; one who prefers a gender said it is not a must. So it settles close
 * calls (about 0.09 of a score out of 110 points) without outweighing a
 * shared language or the newcomer's needs; a newcomer for whom it is a must
 * marks it required, and the hard constraint holds it.
 */
export const GENDER_WEIGHT_RECOMMENDED = 10;
