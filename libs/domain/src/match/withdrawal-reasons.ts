/**
 * The reason the matcher gives when it withdraws a pair that no longer meets
 * a hard constraint, and the same reason without the constraint's name.
 *
 * The name tells something about both people: `gender-required` says the
 * newcomer asked for a key person of one gender and the key person's
 * changed, `same-origin-declined` that the newcomer declined a key person
 * from their own country and the key person's origin is now that country.
 * The withdrawal is stored under the newcomer's key only (matches withdrawn
 * since this rule was made are the same events as before), so the name is
 * kept from whoever may not read both people: a coordinator scoped to one
 * side's municipality, and everyone once the key person's data is erased.
 * They are told the pair no longer fits, not why (as `MATCH.PAIR_NO_LONGER_FITS`
 * answers them).
 */

/** The reason a withdrawn pair gives when it breaks a hard constraint, whichever check found it. */
export const pairNoLongerFits = (constraint: string): string => `The pair no longer meets the hard constraint ${constraint} after a profile change`;

/** The same reason, for a reader who may not learn which constraint broke. */
export const PAIR_NO_LONGER_FITS_UNNAMED = 'The pair no longer meets a hard constraint after a profile change';

const NAMING_A_CONSTRAINT = /^The pair no longer meets the hard constraint .+ after a profile change$/;

/** A withdrawal's reason without the constraint it names, if it names one; any other reason as it is. */
export function withoutBrokenConstraint(reason: string): string {
  return NAMING_A_CONSTRAINT.test(reason) ? PAIR_NO_LONGER_FITS_UNNAMED : reason;
}
