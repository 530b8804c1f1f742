/** A newcomer's matching preferences (SPEC §3); a change merges over the current ones. */
import { FieldViolation } from '../domain-error';
import { GENDER_PREFERENCES, NewcomerPreferences, SAME_ORIGIN_CHOICES } from '../profile';
import { fieldPath, violation } from './violation';
import { isRecord, oneOf, requiredBoolean } from './value.rules';

export const DEFAULT_NEWCOMER_PREFERENCES: NewcomerPreferences = {
  keyPersonGender: 'any',
  genderRequired: false,
  sameOrigin: 'no-preference',
  remoteOk: false,
};

/**
 * Checks the fields a partial update carries, then the merged result as a
 * whole: "gender required" with "any gender" would be a hard constraint
 * that constrains nothing, and most likely a slip of the form.
 */
export function preferencesViolations(partial: unknown, merged: NewcomerPreferences, field = 'preferences'): FieldViolation[] {
  if (partial === undefined || partial === null) return [];
  if (!isRecord(partial)) return [violation(field, 'type', 'Preferences must be an object')];
  const given = (key: keyof NewcomerPreferences): boolean => partial[key] !== undefined;
  const path = (key: keyof NewcomerPreferences): string => fieldPath(field, key);
  const violations = [
    ...(given('keyPersonGender') ? oneOf(partial.keyPersonGender, GENDER_PREFERENCES, path('keyPersonGender'), 'Key person gender') : []),
    ...(given('genderRequired') ? requiredBoolean(partial.genderRequired, path('genderRequired'), 'Gender required') : []),
    ...(given('sameOrigin') ? oneOf(partial.sameOrigin, SAME_ORIGIN_CHOICES, path('sameOrigin'), 'Same origin') : []),
    ...(given('remoteOk') ? requiredBoolean(partial.remoteOk, path('remoteOk'), 'Remote OK') : []),
  ];
  if (violations.length === 0 && merged.genderRequired && merged.keyPersonGender === 'any') {
    const message = 'Gender can only be required when a key person gender (female or male) is chosen';
    violations.push(violation(path('genderRequired'), 'gender-for-required-preference', message));
  }
  return violations;
}

/** Stored form: the partial merged over `base`, exactly the known fields. */
export const mergePreferences = (
  base: NewcomerPreferences,
  partial: Partial<NewcomerPreferences> | null | undefined,
): NewcomerPreferences => ({
  keyPersonGender: partial?.keyPersonGender ?? base.keyPersonGender,
  genderRequired: partial?.genderRequired ?? base.genderRequired,
  sameOrigin: partial?.sameOrigin ?? base.sameOrigin,
  remoteOk: partial?.remoteOk ?? base.remoteOk,
});
