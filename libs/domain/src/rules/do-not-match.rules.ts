/** Key persons a newcomer must never be matched with (SPEC §4, invariant 3). */
import { FieldViolation } from '../domain-error';
import { UUID } from './id.rules';
import { itemPath, violation } from './violation';
import { duplicateViolations, listViolations } from './value.rules';

export const DO_NOT_MATCH_MAX = 100;

/**
 * `unregistered`: ids the log knows no key person by (the newcomer's own, another
 * newcomer's, a match's, or nobody's), looked up by the caller, since the rules
 * read no other stream. Kept, such an entry would bar no one, and the newcomer
 * could be proposed the very person meant. A key person of any municipality
 * counts, and one erased since still does.
 */
export function doNotMatchViolations(value: unknown, unregistered: readonly string[] = [], field = 'doNotMatch'): FieldViolation[] {
  const violations = listViolations(value, field, 'Do-not-match list', { min: 0, max: DO_NOT_MATCH_MAX });
  if (!Array.isArray(value)) return violations;
  const items: readonly unknown[] = value;
  const ids = items.map((item) => (typeof item === 'string' && UUID.test(item) ? item.toLowerCase() : null));
  const nobody = new Set(unregistered.map((id) => id.toLowerCase()));
  return [
    ...violations,
    ...ids.flatMap((id, index) => (id === null ? [violation(itemPath(field, index), 'uuid', 'Must be a key person id (UUID)')] : [])),
    ...ids.flatMap((id, index) => (id !== null && nobody.has(id) ? [violation(itemPath(field, index), 'key-person', 'Must be the id of a registered key person')] : [])),
    ...duplicateViolations(ids, (index) => itemPath(field, index), 'Each key person may appear only once'),
  ];
}

/** Stored form: lower case, the way ids appear in stream names, so comparisons are exact. */
export const toKeyPersonIds = (input: readonly string[]): string[] => input.map((id) => id.toLowerCase());
