/** Country of origin, ISO 3166-1 alpha-2. Used for matching only on request (SPEC §3). */
import { isCountryCode } from '@sleutel/reference';
import { FieldViolation } from '../domain-error';
import { Origin } from '../profile';
import { fieldPath, violation } from './violation';
import { isRecord } from './value.rules';

export function originViolations(value: unknown, field = 'origin'): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', 'Origin is required')];
  if (!isRecord(value)) return [violation(field, 'type', 'Origin must be an object with country')];
  const country = fieldPath(field, 'country');
  if (value.country === undefined || value.country === null) return [violation(country, 'required', 'Country is required')];
  if (typeof value.country === 'string' && isCountryCode(value.country)) return [];
  return [violation(country, 'iso-3166-1', "Country must be an upper-case ISO 3166-1 alpha-2 code, e.g. 'SY'")];
}

export const toOrigin = (input: Origin): Origin => ({ country: input.country });
