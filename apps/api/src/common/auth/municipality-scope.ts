import { Principal } from '@sleutel/auth';
import { ProblemException } from '../problem';

/**
 * SPEC §7: a token limited to some municipalities sees only subjects there;
 * anything else answers as if it did not exist.
 */
export function inScope(principal: Principal, municipality: string): boolean {
  return principal.municipalities === null || principal.municipalities.includes(municipality);
}

export function notFound(what: string): ProblemException {
  return new ProblemException(404, 'HTTP.404', 'Not Found', `No such ${what}.`);
}

/**
 * Writing a subject into a municipality outside the token's scope. Only a
 * code places anyone: no municipality (`null`) is left to validation, which
 * tells every token alike that it is required.
 */
export function assertMayPlaceIn(principal: Principal, municipality: unknown): void {
  if (typeof municipality !== 'string' || inScope(principal, municipality)) return;
  throw new ProblemException(403, 'AUTH.OUT_OF_SCOPE', 'Forbidden', 'Your token does not cover that municipality.', [
    { field: 'municipality', rule: 'token-scope', message: 'must be one of the municipalities of your token' },
  ]);
}
