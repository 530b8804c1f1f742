/**
 * Where someone lives: CBS municipality code (also the scope of access, SPEC §7),
 * optional 4-digit postcode area, and for key persons how far they travel.
 */
import { isMunicipalityCode } from '@sleutel/reference';
import { FieldViolation } from '../domain-error';
import { violation } from './violation';
import { numberInRange } from './value.rules';

/** Further than that is a day trip; remote contact is the answer then. */
export const TRAVEL_RADIUS_MAX_KM = 300;

/** Dutch postcodes run from 1000 to 9999; the area is their four digits. */
const POSTCODE_AREA = /^[1-9]\d{3}$/;

export function municipalityViolations(value: unknown, field = 'municipality'): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', 'Municipality is required')];
  if (typeof value === 'string' && isMunicipalityCode(value)) return [];
  return [violation(field, 'cbs-municipality', "Municipality must be a current CBS municipality code, e.g. 'GM0344'")];
}

/** Optional: `null` means "not known". */
export function postcodeAreaViolations(value: unknown, field = 'postcodeArea'): FieldViolation[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string' && POSTCODE_AREA.test(value)) return [];
  return [violation(field, 'postcode-area', 'Postcode area must be the four digits of a Dutch postcode, 1000 to 9999')];
}

/**
 * Kilometres, 0–300; fractions allowed (7.5 km is a real answer). Required
 * unless the key person works remotely only: without it the matcher could
 * not apply the travel constraint (SPEC §4, invariant 5).
 */
export function travelRadiusViolations(value: unknown, remoteOnly: boolean, field = 'travelRadiusKm'): FieldViolation[] {
  if ((value === undefined || value === null) && remoteOnly) return [];
  if (value === undefined || value === null) {
    return [violation(field, 'required', 'Travel radius is required unless the key person works remotely only')];
  }
  return numberInRange(value, field, 'Travel radius in km', 0, TRAVEL_RADIUS_MAX_KM);
}
