/**
 * Gender: 1 when the key person is of the gender the newcomer prefers, else 0
 * (a key person without that gender recorded included) — and ONLY when the
 * newcomer prefers `female` or `male` without requiring it. Otherwise the
 * component does not apply: it is left out of the explanation and of the
 * weight sum. A required preference is the hard constraint
 * `gender-required`, which every feasible key person meets, so the
 * component would be 1 for all of them; `any` is no preference. It also
 * applies only under a policy that weighs it (`weighsGender`): version 1
 * and the policies stored before `weights.gender` existed do not, and still
 * explain their proposals as they did. The raw value says only "matches the
 * preference or not", never anyone's gender.
 */
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';
import { weighsGender } from '../policy/gender-weight';
import { ScoringPolicy } from '../policy/scoring-policy';

export interface GenderRaw {
  /** Normalised value, 0 or 1. */
  readonly value: number;
  readonly matchesPreference: boolean;
}

/** The newcomer states a preference that is not a must. */
export function prefersGender(newcomer: Pick<MatchingNewcomer, 'preferences'>): boolean {
  const { keyPersonGender, genderRequired } = newcomer.preferences;
  return keyPersonGender !== 'any' && !genderRequired;
}

export function genderApplies(newcomer: Pick<MatchingNewcomer, 'preferences'>, policy: Pick<ScoringPolicy, 'weights'>): boolean {
  return prefersGender(newcomer) && weighsGender(policy.weights);
}

/** Whether the key person is of the preferred gender; never for `any`, nor for a key person without a gender recorded. */
export function matchesGenderPreference(newcomer: Pick<MatchingNewcomer, 'preferences'>, keyPerson: Pick<MatchingKeyPerson, 'gender'>): boolean {
  const preferred = newcomer.preferences.keyPersonGender;
  return preferred !== 'any' && keyPerson.gender === preferred;
}

export function genderValue(matchesPreference: boolean): number {
  return matchesPreference ? 1 : 0;
}

export function genderOf(matchesPreference: boolean): GenderRaw {
  return { value: genderValue(matchesPreference), matchesPreference };
}
