/** The stable codes a match command can fail with; clients and tests rely on them. */
import { DomainError } from '../domain-error';

export const MATCH_ERRORS = {
  notFound: 'MATCH.NOT_FOUND',
  alreadyProposed: 'MATCH.ALREADY_PROPOSED',
  closed: 'MATCH.CLOSED',
  notApproved: 'MATCH.NOT_APPROVED',
  notAccepted: 'MATCH.NOT_ACCEPTED',
  alreadyAccepted: 'MATCH.ALREADY_ACCEPTED',
  notDue: 'MATCH.NOT_DUE',
  invalid: 'MATCH.INVALID',
  pairNoLongerFits: 'MATCH.PAIR_NO_LONGER_FITS',
  deadlinePassed: 'MATCH.DEADLINE_PASSED',
  notAwaited: 'MATCH.NOT_AWAITED',
} as const;

// Messages name no id and no value: error messages must not carry personal data (SPEC §7).
export const matchNotFound = (): DomainError => new DomainError(MATCH_ERRORS.notFound, 'not-found', 'No match is proposed under this id');

export const matchAlreadyProposed = (): DomainError =>
  new DomainError(MATCH_ERRORS.alreadyProposed, 'conflict', 'A different proposal was already made under this id');

export const matchClosed = (): DomainError => new DomainError(MATCH_ERRORS.closed, 'conflict', 'The match is closed and can no longer change');

export const matchNotApproved = (): DomainError =>
  new DomainError(MATCH_ERRORS.notApproved, 'conflict', 'A coordinator must approve the proposal before the parties answer');

export const matchNotAccepted = (): DomainError =>
  new DomainError(MATCH_ERRORS.notAccepted, 'conflict', 'Only a match both parties accepted can end');

export const matchAlreadyAccepted = (): DomainError =>
  new DomainError(MATCH_ERRORS.alreadyAccepted, 'conflict', 'Both parties accepted the match: end it instead');

export const matchDeadlinePassed = (): DomainError =>
  new DomainError(MATCH_ERRORS.deadlinePassed, 'conflict', 'The deadline for this answer has passed: the proposal expires and the newcomer is matched again');

export const matchNotDue = (): DomainError => new DomainError(MATCH_ERRORS.notDue, 'conflict', 'The deadline for an answer has not passed yet');

/**
 * The pair broke a hard constraint since it was proposed (a profile changed); `constraint` is its reason code, or
 * null for someone who may not read both profiles: the constraint can tell a newcomer's newer preference (a required
 * gender, same origin declined, a do-not-match entry) to a coordinator of the key person's municipality alone.
 */
export const matchPairNoLongerFits = (constraint: string | null): DomainError =>
  new DomainError(
    MATCH_ERRORS.pairNoLongerFits, 'conflict',
    `The pair no longer meets ${constraint === null ? 'a hard constraint' : `the hard constraint ${constraint}`} after a profile change; the matcher withdraws the proposal`,
  );

/** The newcomer let go of this proposal (another is open, or none): approving or accepting it would give them two. */
export const matchNotAwaited = (): DomainError =>
  new DomainError(MATCH_ERRORS.notAwaited, 'conflict', 'The newcomer no longer awaits this proposal; the matcher withdraws it');
