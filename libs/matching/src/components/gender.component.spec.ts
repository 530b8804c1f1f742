import type { GenderPreference } from '@sleutel/domain';
import { DEFAULT_POLICY } from '../policy/default.policy';
import { aKeyPerson, aNewcomer, policyWith } from '../testing/matching.fixtures';
import { genderApplies, genderOf, matchesGenderPreference, prefersGender } from './gender.component';

const preferring = (keyPersonGender: GenderPreference, genderRequired: boolean) =>
  aNewcomer({ preferences: { ...aNewcomer().preferences, keyPersonGender, genderRequired } });
const weighing = policyWith({ weights: { gender: 10 } });

describe('gender component', () => {
  it('applies only to a preferred gender that is not required, under a policy that weighs it', () => {
    expect(genderApplies(preferring('female', false), weighing)).toBe(true);
    expect(genderApplies(preferring('male', false), weighing)).toBe(true);
    // Required: the hard constraint already holds it, so every candidate would score 1.
    expect(genderApplies(preferring('female', true), weighing)).toBe(false);
    expect(genderApplies(preferring('any', false), weighing)).toBe(false);
    expect(prefersGender(preferring('any', false))).toBe(false);
  });

  it('does not apply under version 1, nor any policy stored before weights.gender existed; it does at an explicit 0', () => {
    expect(DEFAULT_POLICY.weights).not.toHaveProperty('gender');
    expect(genderApplies(preferring('female', false), DEFAULT_POLICY)).toBe(false);
    expect(genderApplies(preferring('female', false), policyWith({ weights: { gender: 0 } }))).toBe(true);
  });

  it('matches a key person of the preferred gender only; one without a gender recorded does not match', () => {
    expect(matchesGenderPreference(preferring('female', false), aKeyPerson({ gender: 'female' }))).toBe(true);
    expect(matchesGenderPreference(preferring('female', false), aKeyPerson({ gender: 'male' }))).toBe(false);
    expect(matchesGenderPreference(preferring('male', false), aKeyPerson({ gender: 'other' }))).toBe(false);
    const unrecorded = { ...aKeyPerson(), gender: null } as unknown as ReturnType<typeof aKeyPerson>;
    expect(matchesGenderPreference(preferring('male', false), unrecorded)).toBe(false);
    expect(matchesGenderPreference(preferring('any', false), aKeyPerson({ gender: 'female' }))).toBe(false);
  });

  it('is 1 for the preferred gender and 0 otherwise, naming no gender', () => {
    expect(genderOf(true)).toEqual({ value: 1, matchesPreference: true });
    expect(genderOf(false)).toEqual({ value: 0, matchesPreference: false });
  });
});
