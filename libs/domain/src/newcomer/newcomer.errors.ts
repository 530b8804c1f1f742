/** The stable codes a newcomer command can fail with; clients and tests rely on them. */
import { DomainError } from '../domain-error';

export const NEWCOMER_ERRORS = {
  notFound: 'NEWCOMER.NOT_FOUND',
  alreadyRegistered: 'NEWCOMER.ALREADY_REGISTERED',
  withdrawn: 'NEWCOMER.WITHDRAWN',
  invalidProfile: 'NEWCOMER.INVALID_PROFILE',
  invalidReason: 'NEWCOMER.INVALID_REASON',
  alreadyMatching: 'NEWCOMER.ALREADY_MATCHING',
  doNotMatch: 'NEWCOMER.DO_NOT_MATCH',
  pairFailedBefore: 'NEWCOMER.PAIR_FAILED_BEFORE',
  matchReleased: 'NEWCOMER.MATCH_RELEASED',
  matchKeyPersonMismatch: 'NEWCOMER.MATCH_KEY_PERSON_MISMATCH',
  matchEnded: 'NEWCOMER.MATCH_ENDED',
  invalidDeferral: 'NEWCOMER.INVALID_DEFERRAL',
  erased: 'NEWCOMER.ERASED',
} as const;

// Messages name no id and no value: error messages must not carry personal data (SPEC §7).
export const newcomerNotFound = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.notFound, 'not-found', 'No newcomer is registered under this id');

export const newcomerAlreadyRegistered = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.alreadyRegistered, 'conflict', 'A newcomer is already registered under this id');

export const newcomerWithdrawn = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.withdrawn, 'conflict', 'The newcomer has been withdrawn and can no longer be changed');

export const newcomerErased = (erasedAt?: string): DomainError =>
  new DomainError(NEWCOMER_ERRORS.erased, 'gone', `The newcomer's personal data has been erased${erasedAt ? ` (at ${erasedAt})` : ''}`);

export const newcomerAlreadyMatching = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.alreadyMatching, 'conflict', 'The newcomer already has an open proposal or match');

export const newcomerDoNotMatch = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.doNotMatch, 'conflict', 'The newcomer must not be matched with this key person');

export const newcomerPairFailedBefore = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.pairFailedBefore, 'conflict', 'A match of this newcomer with this key person failed before');

export const newcomerMatchEnded = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.matchEnded, 'conflict', 'The newcomer\'s match has ended; they are matched again only when someone asks for it');

export const newcomerMatchReleased = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.matchReleased, 'conflict', 'This match was already released for the newcomer and cannot be reserved again');

/** A release naming another key person than the one the match was reserved with: the caller read the wrong match. */
export const newcomerMatchKeyPersonMismatch = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.matchKeyPersonMismatch, 'conflict', 'The match was reserved with another key person than the release names');
