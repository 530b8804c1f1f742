/**
 * Instants: ISO-8601 date-times with a zone (`2026-12-02T14:00:00.000Z`), as
 * deadlines are given. Stored form is `Date#toISOString()` (UTC, milliseconds),
 * the form of every `at`, so stored instants compare correctly as strings too.
 */
import { FieldViolation } from '../domain-error';
import { violation } from './violation';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const millisOf = (value: string): number => (DATE_TIME.test(value) ? Date.parse(value) : Number.NaN);

/** A required instant strictly after `at` (the command's time): a deadline in the past is a mistake. */
export function deadlineViolations(value: unknown, at: string, field: string, label: string): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', `${label} is required`)];
  if (typeof value !== 'string' || Number.isNaN(millisOf(value))) {
    return [violation(field, 'date-time', `${label} must be an ISO-8601 date-time with a time zone`)];
  }
  return millisOf(value) > instantOf(at) ? [] : [violation(field, 'date-order', `${label} must be later than the time of the command`)];
}

/** Only for values already checked by `deadlineViolations`. */
export const toInstant = (value: string): string => new Date(millisOf(value)).toISOString();

/** Milliseconds of a trusted instant. `at` is stamped by the server, so a malformed one is a bug, not bad input. */
export function instantOf(at: string): number {
  const millis = millisOf(at);
  if (Number.isNaN(millis)) throw new Error('Command time `at` must be an ISO-8601 date-time');
  return millis;
}
