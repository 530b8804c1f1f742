/**
 * The shape and ranges of a scoring policy, as data the validator walks.
 * Bounds exist so that an admin's typo cannot overflow a sum or divide by zero.
 */
import { COMPONENT_NAMES, SHARED_LEVELS } from './scoring-policy';

export interface NumberRule {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  /** `min` itself is not allowed (e.g. a half distance of 0 km). */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
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

export type FieldRule = NumberRule | ChoiceRule | BooleanRule | ObjectRule;

const WEIGHT_MAX = 1_000_000;
const MINUTES_PER_WEEK = 7 * 24 * 60;

const share: NumberRule = { kind: 'number', min: 0, max: 1 };
const weight: NumberRule = { kind: 'number', min: 0, max: WEIGHT_MAX };
const positive = (max: number): NumberRule => ({ kind: 'number', min: 0, max, minExclusive: true });
const object = (fields: ObjectRule['fields']): ObjectRule => ({ kind: 'object', fields });

export const POLICY_SCHEMA: ObjectRule = object({
  version: { kind: 'number', min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
  weights: object(Object.fromEntries(COMPONENT_NAMES.map((name) => [name, weight]))),
  constraints: object({
    minSharedLevel: { kind: 'choice', values: SHARED_LEVELS },
    minOverlapMinutes: { kind: 'number', min: 60, max: MINUTES_PER_WEEK, integer: true },
    allowAsynchronousRemote: { kind: 'boolean' },
  }),
  parameters: object({
    language: object({
      levelCredit: object({ native: share, fluent: share, conversational: share }),
      macrolanguageCredit: share,
    }),
    expertise: object({ priorityWeights: object({ '1': positive(WEIGHT_MAX), '2': positive(WEIGHT_MAX), '3': positive(WEIGHT_MAX) }) }),
    availability: object({ fullCreditHours: positive(7 * 24) }),
    proximity: object({ halfDistanceKm: positive(1000) }),
    waiting: object({ fullBonusDays: positive(3650) }),
  }),
});
