/** The stable codes a key person command can fail with; clients and tests rely on them. */
import { DomainError } from '../domain-error';

export const KEY_PERSON_ERRORS = {
  notFound: 'KEY_PERSON.NOT_FOUND',
  alreadyRegistered: 'KEY_PERSON.ALREADY_REGISTERED',
  retired: 'KEY_PERSON.RETIRED',
  invalidProfile: 'KEY_PERSON.INVALID_PROFILE',
  invalidReason: 'KEY_PERSON.INVALID_REASON',
} as const;

// Messages name no id and no value: error messages must not carry personal data (SPEC §7).
export const keyPersonNotFound = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.notFound, 'not-found', 'No key person is registered under this id');

export const keyPersonAlreadyRegistered = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.alreadyRegistered, 'conflict', 'A key person is already registered under this id');

export const keyPersonRetired = (): DomainError =>
  new DomainError(KEY_PERSON_ERRORS.retired, 'conflict', 'The key person has retired and can no longer be changed');
