/** Key persons a newcomer must never be matched with (SPEC §4, invariant 3). */
import { FieldViolation } from '../domain-error';
import { UUID } from './id.rules';
import { itemPath, violation } from './violation';
import { duplicateViolations, listViolations } from './value.rules';

export const DO_NOT_MATCH_MAX = 100;

export function doNotMatchViolations(value: unknown, field = 'doNotMatch'): FieldViolation[] {
  const violations = listViolations(value, field, 'Do-not-match list', { min: 0, max: DO_NOT_MATCH_MAX });
  if (!Array.isArray(value)) return violations;
  const items: readonly unknown[] = value;
  const ids = items.map((item) => (typeof item === 'string' && UUID.test(item) ? item.toLowerCase() : null));
  return [
    ...violations,
    ...ids.flatMap((id, index) => (id === null ? [violation(itemPath(field, index), 'uuid', 'Must be a key person id (UUID)')] : [])),
    ...duplicateViolations(ids, (index) => itemPath(field, index), 'Each key person may appear only once'),
  ];
}

/** Stored form: lower case, the way ids appear in stream names, so comparisons are exact. */
export const toKeyPersonIds = (input: readonly string[]): string[] => input.map((id) => id.toLowerCase());
