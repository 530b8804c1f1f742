/**
 * The shape every profile change shares: reject invalid input with all its
 * violations, build the new section, and emit nothing when it equals the
 * current one, so a repeated PATCH or redelivered command appends nothing.
 */
import { FieldViolation } from './domain-error';
import { rejectIfInvalid } from './rules/violation';
import { isStructurallyEqual } from './structural-equality';

export type SectionChange<Event> = <Section>(
  violations: readonly FieldViolation[],
  current: Section,
  /** Called only when the input is valid, so it may trust the input's types. */
  next: () => Section,
  event: (section: Section) => Event,
) => Event[];

export const sectionChange =
  <Event>(invalidCode: string, subject: string): SectionChange<Event> =>
  (violations, current, next, event) => {
    rejectIfInvalid(invalidCode, subject, violations);
    const section = next();
    return isStructurallyEqual(current, section) ? [] : [event(section)];
  };
