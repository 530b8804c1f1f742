/** Country of origin, ISO 3166-1 alpha-2. Used for matching only on request (SPEC §3). */
import { isCountryCode } from '@sleutel/reference';
import { FieldViolation } from '../domain-error';
import { Origin, OriginChange } from '../profile';
import { fieldPath, violation } from './violation';
import { isRecord } from './value.rules';

export function originViolations(value: unknown, field = 'origin'): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', 'Origin is required')];
  if (!isRecord(value)) return [violation(field, 'type', 'Origin must be an object with country')];
  return countryViolations(value.country, fieldPath(field, 'country'));
}

/** A change merged over the current origin: the country left out stays, `null` for it is refused. */
export function originChangeViolations(change: unknown, field = 'origin'): FieldViolation[] {
  if (isRecord(change) && change.country === undefined) return [];
  return originViolations(change, field);
}

function countryViolations(value: unknown, field: string): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', 'Country is required')];
  if (typeof value === 'string' && isCountryCode(value)) return [];
  return [violation(field, 'iso-3166-1', "Country must be an upper-case ISO 3166-1 alpha-2 code, e.g. 'SY'")];
}

export const toOrigin = (input: Origin): Origin => ({ country: input.country });

/** Input must be valid. */
export const mergeOrigin = (current: Origin, change: OriginChange): Origin => toOrigin({ country: change.country ?? current.country });
