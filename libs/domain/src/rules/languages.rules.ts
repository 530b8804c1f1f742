/** Languages a person speaks, by ISO 639-3 code and level (SPEC §3). */
import { isLanguageCode } from '@sleutel/reference';
import { FieldViolation } from '../domain-error';
import { LANGUAGE_LEVELS, LanguageSkill } from '../profile';
import { fieldPath, itemPath, violation } from './violation';
import { duplicateViolations, isRecord, listViolations, oneOf } from './value.rules';

/** Far more than anyone speaks; the bound keeps a profile a profile. */
export const LANGUAGES_MAX = 20;

export function languagesViolations(value: unknown, field = 'languages'): FieldViolation[] {
  const violations = listViolations(value, field, 'Languages', { min: 1, max: LANGUAGES_MAX });
  if (!Array.isArray(value)) return violations;
  const items: readonly unknown[] = value;
  return [
    ...violations,
    ...items.flatMap((item, index) => languageSkillViolations(item, itemPath(field, index))),
    ...duplicateViolations(
      items.map((item) => (isRecord(item) && typeof item.code === 'string' && isLanguageCode(item.code) ? item.code : null)),
      (index) => fieldPath(itemPath(field, index), 'code'),
      'Each language may appear only once',
    ),
  ];
}

function languageSkillViolations(item: unknown, path: string): FieldViolation[] {
  if (!isRecord(item)) return [violation(path, 'type', 'A language must be an object with code and level')];
  return [...languageCodeViolations(item.code, fieldPath(path, 'code')), ...oneOf(item.level, LANGUAGE_LEVELS, fieldPath(path, 'level'), 'Level')];
}

function languageCodeViolations(code: unknown, field: string): FieldViolation[] {
  if (code === undefined || code === null) return [violation(field, 'required', 'Language code is required')];
  if (typeof code === 'string' && isLanguageCode(code)) return [];
  return [violation(field, 'iso-639-3', "Language code must be a lower-case ISO 639-3 code, e.g. 'apc' or 'tir'")];
}

/** Stored form: exactly the known fields, whatever else the input carried. */
export const toLanguageSkills = (input: readonly LanguageSkill[]): LanguageSkill[] =>
  input.map(({ code, level }) => ({ code, level }));
