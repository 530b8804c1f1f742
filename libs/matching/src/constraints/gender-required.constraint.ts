/**
 * A required gender preference is respected (SPEC §4 inv. 5). A preference
 * that is not required, or `any`, excludes nobody.
 */
import { HardConstraint } from './hard-constraint';

export const genderRequired: HardConstraint = {
  reason: 'gender-required',
  excludes: ({ newcomer, keyPerson }) => {
    const { keyPersonGender, genderRequired: required } = newcomer.preferences;
    return required && keyPersonGender !== 'any' && keyPerson.gender !== keyPersonGender;
  },
};
