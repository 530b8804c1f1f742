/**
 * Topics of the broad intake (SPEC §3): a newcomer's needs with a priority,
 * a key person's expertise.
 */
import { FieldViolation } from '../domain-error';
import { Need, TOPICS, Topic } from '../profile';
import { fieldPath, itemPath, violation } from './violation';
import { duplicateViolations, integerInRange, isRecord, listViolations, oneOf } from './value.rules';

const isTopic = (value: unknown): value is Topic => typeof value === 'string' && (TOPICS as readonly string[]).includes(value);

/** Needs may be empty: an intake can be recorded before needs are known. */
export function needsViolations(value: unknown, field = 'needs'): FieldViolation[] {
  const violations = listViolations(value, field, 'Needs', { min: 0, max: TOPICS.length });
  if (!Array.isArray(value)) return violations;
  const items: readonly unknown[] = value;
  return [
    ...violations,
    ...items.flatMap((item, index) => needViolations(item, itemPath(field, index))),
    ...duplicateViolations(
      items.map((item) => (isRecord(item) && isTopic(item.topic) ? item.topic : null)),
      (index) => fieldPath(itemPath(field, index), 'topic'),
      'Each topic may appear only once among the needs',
    ),
  ];
}

function needViolations(item: unknown, path: string): FieldViolation[] {
  if (!isRecord(item)) return [violation(path, 'type', 'A need must be an object with topic and priority')];
  return [
    ...oneOf(item.topic, TOPICS, fieldPath(path, 'topic'), 'Topic'),
    ...integerInRange(item.priority, fieldPath(path, 'priority'), 'Priority', 1, 3),
  ];
}

/** A key person without expertise could not help with anything. */
export function expertiseViolations(value: unknown, field = 'expertise'): FieldViolation[] {
  const violations = listViolations(value, field, 'Expertise', { min: 1, max: TOPICS.length });
  if (!Array.isArray(value)) return violations;
  const items: readonly unknown[] = value;
  return [
    ...violations,
    ...items.flatMap((item, index) => oneOf(item, TOPICS, itemPath(field, index), 'Topic')),
    ...duplicateViolations(
      items.map((item) => (isTopic(item) ? item : null)),
      (index) => itemPath(field, index),
      'Each topic may appear only once in the expertise',
    ),
  ];
}

export const toNeeds = (input: readonly Need[]): Need[] => input.map(({ topic, priority }) => ({ topic, priority }));
export const toTopics = (input: readonly Topic[]): Topic[] => [...input];
