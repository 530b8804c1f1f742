/** Name, birth year and gender: the personal details section of a profile. */
import { FieldViolation } from '../domain-error';
import { GENDERS } from '../profile';
import { amsterdamDate } from './availability.rules';
import { integerInRange, oneOf, requiredText } from './value.rules';

export const DISPLAY_NAME_MAX_LENGTH = 200;
/** Oldest plausible age; a birth year before that is a typing error. */
export const MAX_AGE_YEARS = 120;

export const displayNameViolations = (value: unknown, field = 'displayName'): FieldViolation[] =>
  requiredText(value, field, { label: 'Display name', maxLength: DISPLAY_NAME_MAX_LENGTH, singleLine: true });

/** Stored form: surrounding whitespace is never meaningful in a name. */
export const toDisplayName = (value: string): string => value.trim();

/**
 * The domain has no clock, so "plausible" is judged against the year of the
 * command's own time `at` in Amsterdam: between `year(at) - 120` and `year(at)`.
 */
export function birthYearViolations(value: unknown, at: string, field = 'birthYear'): FieldViolation[] {
  const year = yearOf(at);
  return integerInRange(value, field, 'Birth year', year - MAX_AGE_YEARS, year);
}

/**
 * The year in Amsterdam at `at`: in the first hour of 1 January there, UTC
 * still has the year before, and a child born in the new year was refused
 * (found by a review of dates and times). `at` is stamped by the server, so a
 * malformed one is a bug, not bad input.
 */
export function yearOf(at: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(at)) throw new Error('Command time `at` must be an ISO-8601 date-time');
  return Number(amsterdamDate(at).slice(0, 4));
}

/** Gender as a key person must state it. */
export const genderViolations = (value: unknown, field = 'gender'): FieldViolation[] =>
  oneOf(value, GENDERS, field, 'Gender');

/** Gender as a newcomer may state it: `null` means "not stated". */
export const optionalGenderViolations = (value: unknown, field = 'gender'): FieldViolation[] =>
  value === null || value === undefined ? [] : genderViolations(value, field);
