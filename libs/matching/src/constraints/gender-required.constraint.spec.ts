import type { GenderPreference } from '@sleutel/domain';
import { aKeyPerson, aNewcomer, pairOf } from '../testing/matching.fixtures';
import { genderRequired } from './gender-required.constraint';

const newcomerWanting = (keyPersonGender: GenderPreference, required: boolean) =>
  aNewcomer({ preferences: { ...aNewcomer().preferences, keyPersonGender, genderRequired: required } });

describe('gender-required', () => {
  it('excludes another gender when the preference is required', () => {
    expect(genderRequired.excludes(pairOf(newcomerWanting('female', true), aKeyPerson({ gender: 'male' })))).toBe(true);
    expect(genderRequired.excludes(pairOf(newcomerWanting('female', true), aKeyPerson({ gender: 'other' })))).toBe(true);
    expect(genderRequired.excludes(pairOf(newcomerWanting('female', true), aKeyPerson({ gender: 'female' })))).toBe(false);
  });

  it('excludes nobody when the preference is not required, or is any', () => {
    expect(genderRequired.excludes(pairOf(newcomerWanting('female', false), aKeyPerson({ gender: 'male' })))).toBe(false);
    expect(genderRequired.excludes(pairOf(newcomerWanting('any', true), aKeyPerson({ gender: 'male' })))).toBe(false);
  });
});
