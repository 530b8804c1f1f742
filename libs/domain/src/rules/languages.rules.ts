/** Languages a person speaks, by ISO 639-3 code and level (SPEC §3). */
import { isLanguageCode, isSpecialLanguageCode } from '@sleutel/reference';
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

/**
 * ISO 639-3's special codes (mis, mul, und, zxx) are in the standard but name
 * no language: two people who both have `mul` need not share one (SPEC §4
 * inv. 5), so a profile names each language instead. Same rule as any other
 * code a profile does not take, with its own sentence; like every message it
 * names the rule, not the value.
 */
const SPECIAL_LANGUAGE_CODE_MESSAGE =
  "Language code must name a language: mis, mul, und and zxx are ISO 639-3 codes for no particular language; name each language, e.g. 'apc' or 'tir'";

function languageCodeViolations(code: unknown, field: string): FieldViolation[] {
  if (code === undefined || code === null) return [violation(field, 'required', 'Language code is required')];
  if (typeof code === 'string' && isLanguageCode(code)) return [];
  if (typeof code === 'string' && isSpecialLanguageCode(code)) return [violation(field, 'iso-639-3', SPECIAL_LANGUAGE_CODE_MESSAGE)];
  return [violation(field, 'iso-639-3', "Language code must be a lower-case ISO 639-3 code, e.g. 'apc' or 'tir'")];
}

/** Stored form: exactly the known fields, whatever else the input carried. */
export const toLanguageSkills = (input: readonly LanguageSkill[]): LanguageSkill[] =>
  input.map(({ code, level }) => ({ code, level }));
