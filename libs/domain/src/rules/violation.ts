/**
 * How a rule reports a bad field. Clients see `field` and `rule` in the
 * problem details' `errors` array, so both are part of the public contract:
 * `field` is the path in the request body (`languages[1].code`,
 * `availability.slots[0].end`), `rule` one of the names below.
 *
 * Messages describe the rule, never the value: profile values are personal
 * data and must not end up in error messages or logs (SPEC §7).
 */
import { DomainError, FieldViolation } from '../domain-error';

export const VIOLATION_RULES = [
  'required',
  'type',
  'min-items',
  'max-items',
  'max-length',
  'no-control-characters',
  'one-of',
  'integer',
  'multiple-of',
  'range',
  'unique',
  'iso-639-3',
  'iso-3166-1',
  'cbs-municipality',
  'postcode-area',
  'time-format',
  'end-after-start',
  'no-overlap',
  'date',
  'date-time',
  'date-order',
  'slot-in-date-range',
  'email',
  'phone',
  'uuid',
  'gender-for-required-preference',
  'json',
  'not-below-load',
] as const;
export type ViolationRule = (typeof VIOLATION_RULES)[number];

export const violation = (field: string, rule: ViolationRule, message: string): FieldViolation => ({
  field,
  rule,
  message,
});

/** `languages` + 1 + `code` → `languages[1].code`; `''` as base gives a top-level name. */
export const itemPath = (base: string, index: number): string => `${base}[${index}]`;
export const fieldPath = (base: string, key: string): string => (base === '' ? key : `${base}.${key}`);

/**
 * Every violation of a command at once, so a user fixes a form in one round
 * trip instead of discovering problems one by one.
 */
export function rejectIfInvalid(code: string, subject: string, violations: readonly FieldViolation[]): void {
  if (violations.length === 0) return;
  const fields = [...new Set(violations.map((v) => v.field))].join(', ');
  throw new DomainError(code, 'invalid', `The ${subject} has invalid fields: ${fields}`, violations);
}
