/**
 * The shape and ranges of a scoring policy, as data the validator walks.
 * Bounds exist so that an admin's typo cannot overflow a sum or divide by zero.
 */
import { isMacrolanguageCode, listLanguages, macrolanguageOf } from '@sleutel/reference';
import { COMPONENT_NAMES, SHARED_LEVELS } from './scoring-policy';

export interface NumberRule {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  /** `min` itself is not allowed (e.g. a half distance of 0 km). */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** May be left out (for fields added after version 1, which stored policies lack); `null` is still refused. */
  readonly optional?: boolean;
}

export interface ChoiceRule {
  readonly kind: 'choice';
  readonly values: readonly string[];
}

export interface BooleanRule {
  readonly kind: 'boolean';
}

export interface ObjectRule {
  readonly kind: 'object';
  readonly fields: { readonly [name: string]: FieldRule };
}

/** A list of distinct codes of one reference list, e.g. macrolanguages. */
export interface CodeListRule {
  readonly kind: 'code-list';
  /** May be left out, meaning the empty list (for fields added after version 1, which stored policies lack). */
  readonly optional: boolean;
  /** No list is longer than the reference list it draws from. */
  readonly maxItems: number;
  /** Rule name of an entry that is not such a code. */
  readonly codeRule: string;
  readonly isCode: (code: string) => boolean;
  /** What an entry must be, for the message, e.g. "an ISO 639-3 macrolanguage code, e.g. 'kur'". */
  readonly describe: string;
  /** A hint for a code that is not accepted, e.g. the macrolanguage a member language belongs to; undefined for none. */
  readonly hint?: (code: string) => string | undefined;
}

export type FieldRule = NumberRule | ChoiceRule | BooleanRule | ObjectRule | CodeListRule;

const WEIGHT_MAX = 1_000_000;
const MACROLANGUAGE_COUNT = listLanguages().filter((language) => isMacrolanguageCode(language.code)).length;
const MINUTES_PER_WEEK = 7 * 24 * 60;

const share: NumberRule = { kind: 'number', min: 0, max: 1 };
const weight: NumberRule = { kind: 'number', min: 0, max: WEIGHT_MAX };
const positive = (max: number): NumberRule => ({ kind: 'number', min: 0, max, minExclusive: true });
const object = (fields: ObjectRule['fields']): ObjectRule => ({ kind: 'object', fields });

export const POLICY_SCHEMA: ObjectRule = object({
  version: { kind: 'number', min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
  // `gender` came after version 1: stored policies lack it (see gender-weight.ts).
  weights: object(Object.fromEntries(COMPONENT_NAMES.map((name) => [name, name === 'gender' ? { ...weight, optional: true } : weight]))),
  constraints: object({
    minSharedLevel: { kind: 'choice', values: SHARED_LEVELS },
    minOverlapMinutes: { kind: 'number', min: 60, max: MINUTES_PER_WEEK, integer: true },
    allowAsynchronousRemote: { kind: 'boolean' },
  }),
  parameters: object({
    language: object({
      levelCredit: object({ native: share, fluent: share, conversational: share }),
      macrolanguageCredit: share,
      separateMacrolanguages: {
        kind: 'code-list',
        optional: true,
        maxItems: MACROLANGUAGE_COUNT,
        codeRule: 'iso-639-3-macrolanguage',
        isCode: isMacrolanguageCode,
        describe: "an ISO 639-3 macrolanguage code, e.g. 'kur' (Kurdish) or 'zho' (Chinese)",
        hint: (code) => {
          const macrolanguage = macrolanguageOf(code);
          return macrolanguage === undefined ? undefined : `'${code}' is a member of '${macrolanguage}'`;
        },
      },
    }),
    expertise: object({ priorityWeights: object({ '1': positive(WEIGHT_MAX), '2': positive(WEIGHT_MAX), '3': positive(WEIGHT_MAX) }) }),
    availability: object({ fullCreditHours: positive(7 * 24) }),
    proximity: object({ halfDistanceKm: positive(1000) }),
    waiting: object({ fullBonusDays: positive(3650) }),
  }),
});
