/** The stable codes a key person command can fail with; clients and tests rely on them. */
import { DomainError } from '../domain-error';
import { violation } from '../rules/violation';

export const KEY_PERSON_ERRORS = {
  notFound: 'KEY_PERSON.NOT_FOUND',
  alreadyRegistered: 'KEY_PERSON.ALREADY_REGISTERED',
  retired: 'KEY_PERSON.RETIRED',
  invalidProfile: 'KEY_PERSON.INVALID_PROFILE',
  invalidReason: 'KEY_PERSON.INVALID_REASON',
  paused: 'KEY_PERSON.PAUSED',
  noCapacity: 'KEY_PERSON.NO_CAPACITY',
  capacityBelowLoad: 'KEY_PERSON.CAPACITY_BELOW_LOAD',
  matchReleased: 'KEY_PERSON.MATCH_RELEASED',
  erased: 'KEY_PERSON.ERASED',
} as const;

// Messages name no id and no value: error messages must not carry personal data (SPEC §7).
export const keyPersonNotFound = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.notFound, 'not-found', 'No key person is registered under this id');

export const keyPersonAlreadyRegistered = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.alreadyRegistered, 'conflict', 'A key person is already registered under this id');

export const keyPersonRetired = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.retired, 'conflict', 'The key person has retired and can no longer be changed');

export const keyPersonErased = (erasedAt?: string): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.erased, 'gone', `The key person's personal data has been erased${erasedAt ? ` (at ${erasedAt})` : ''}`);

export const keyPersonPaused = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.paused, 'conflict', 'The key person is paused and takes no new proposals');

/** Approving or accepting a proposal of a paused key person: the pause withdraws what awaits an answer. */
export const keyPersonPausedAnswering = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.paused, 'conflict', 'The key person is paused: their proposals awaiting an answer are withdrawn, and the newcomer is matched with someone else');

export const keyPersonNoCapacity = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.noCapacity, 'conflict', 'The key person has no free capacity');

export const keyPersonMatchReleased = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.matchReleased, 'conflict', 'This match was already released by the key person and cannot be reserved again');

/** A conflict, not invalid input: the same capacity is fine once fewer matches are open. */
export const keyPersonCapacityBelowLoad = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.capacityBelowLoad, 'conflict', 'The capacity cannot be lower than the open proposals and matches', [
    violation('capacity', 'not-below-load', 'Capacity must be at least the number of open proposals and accepted matches'),
  ]);
