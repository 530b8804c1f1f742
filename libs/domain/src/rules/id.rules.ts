/** Ids of newcomers, key persons and matches: UUIDs, as in stream names (`newcomer-<uuid>`). */
import { FieldViolation } from '../domain-error';
import { violation } from './violation';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function idViolations(value: unknown, field: string, label: string): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', `${label} is required`)];
  return typeof value === 'string' && UUID.test(value) ? [] : [violation(field, 'uuid', `${label} must be a UUID`)];
}
