/** The stable codes a newcomer command can fail with; clients and tests rely on them. */
import { DomainError } from '../domain-error';

export const NEWCOMER_ERRORS = {
  notFound: 'NEWCOMER.NOT_FOUND',
  alreadyRegistered: 'NEWCOMER.ALREADY_REGISTERED',
  withdrawn: 'NEWCOMER.WITHDRAWN',
  invalidProfile: 'NEWCOMER.INVALID_PROFILE',
  invalidReason: 'NEWCOMER.INVALID_REASON',
} as const;

// Messages name no id and no value: error messages must not carry personal data (SPEC §7).
export const newcomerNotFound = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.notFound, 'not-found', 'No newcomer is registered under this id');

export const newcomerAlreadyRegistered = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.alreadyRegistered, 'conflict', 'A newcomer is already registered under this id');

export const newcomerWithdrawn = (): DomainError =>
  new DomainError(NEWCOMER_ERRORS.withdrawn, 'conflict', 'The newcomer has been withdrawn and can no longer be changed');
