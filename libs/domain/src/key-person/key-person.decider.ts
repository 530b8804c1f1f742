/**
 * The key person aggregate as a decider: registration, profile changes, the
 * status lifecycle `active ⇄ paused → retired` and capacity reservations.
 * Lifecycle rules live here; each profile change is one function in
 * `key-person.profile-changes.ts`, reserving and releasing in `key-person.capacity.ts`.
 */
import { Decider } from '../decider';
import { assertNever } from '../domain-error';
import { reasonViolations } from '../rules/free-text.rules';
import { toOptionalText } from '../rules/value.rules';
import { rejectIfInvalid } from '../rules/violation';
import { keyPersonLoad, releaseCapacity, reserveCapacity } from './key-person.capacity';
import { EraseKeyPerson, KeyPersonCommand, PauseKeyPerson, RegisterKeyPerson, ResumeKeyPerson, RetireKeyPerson } from './key-person.commands';
import { KEY_PERSON_ERRORS, keyPersonAlreadyRegistered, keyPersonErased, keyPersonNotFound, keyPersonRetired } from './key-person.errors';
import { KeyPersonEvent } from './key-person.events';
import { KeyPersonProfile, keyPersonProfileViolations, toKeyPersonProfile } from './key-person.profile';
import * as changes from './key-person.profile-changes';
import { KeyPersonState, evolveKeyPerson, initialKeyPersonState } from './key-person.state';

export function decideKeyPerson(command: KeyPersonCommand, state: KeyPersonState): KeyPersonEvent[] {
  switch (command.type) {
    case 'EraseKeyPerson':
      return erase(command, state);
    case 'RegisterKeyPerson':
      return register(command, state);
    case 'PauseKeyPerson':
      return pause(command, state);
    case 'ResumeKeyPerson':
      return resume(command, state);
    case 'RetireKeyPerson':
      return retire(command, state);
    case 'ReserveKeyPersonCapacity':
      return reserveCapacity(command, state);
    case 'ReleaseKeyPersonCapacity':
      return releaseCapacity(command, state);
    case 'ChangeKeyPersonPersonalDetails':
      return changes.changePersonalDetails(command, changeableProfile(state));
    case 'ChangeKeyPersonResidence':
      return changes.changeResidence(command, changeableProfile(state));
    case 'ChangeKeyPersonContact':
      return changes.changeContact(command, changeableProfile(state));
    case 'ChangeKeyPersonLanguages':
      return changes.changeLanguages(command, changeableProfile(state));
    case 'ChangeKeyPersonOrigin':
      return changes.changeOrigin(command, changeableProfile(state));
    case 'ChangeKeyPersonExpertise':
      return changes.changeExpertise(command, changeableProfile(state));
    case 'ChangeKeyPersonCapacity':
      return changes.changeCapacity(command, changeableProfile(state), keyPersonLoad(state));
    case 'ChangeKeyPersonMonthlyHours':
      return changes.changeMonthlyHours(command, changeableProfile(state));
    case 'ChangeKeyPersonAvailability':
      return changes.changeAvailability(command, changeableProfile(state));
    case 'ChangeKeyPersonEngagement':
      return changes.changeEngagement(command, changeableProfile(state));
    default:
      return assertNever(command);
  }
}

function register({ data }: RegisterKeyPerson, state: KeyPersonState): KeyPersonEvent[] {
  if (state.status !== 'unregistered') throw keyPersonAlreadyRegistered();
  rejectIfInvalid(KEY_PERSON_ERRORS.invalidProfile, 'key person profile', keyPersonProfileViolations(data.profile, data.at));
  return [
    { type: 'KeyPersonRegistered', data: { keyPersonId: data.keyPersonId, registeredAt: data.at, profile: toKeyPersonProfile(data.profile) } },
  ];
}

/** Pausing a paused key person changes nothing; the first pause's time and reason stand. */
function pause({ data }: PauseKeyPerson, state: KeyPersonState): KeyPersonEvent[] {
  requireNotRetired(state);
  if (state.status === 'paused') return [];
  rejectIfInvalid(KEY_PERSON_ERRORS.invalidReason, 'pause', reasonViolations(data.reason));
  return [{ type: 'KeyPersonPaused', data: { keyPersonId: data.keyPersonId, pausedAt: data.at, reason: toOptionalText(data.reason) } }];
}

function resume({ data }: ResumeKeyPerson, state: KeyPersonState): KeyPersonEvent[] {
  requireNotRetired(state);
  if (state.status === 'active') return [];
  return [{ type: 'KeyPersonResumed', data: { keyPersonId: data.keyPersonId, resumedAt: data.at } }];
}

/** Retiring twice is the same as once. Retiring while paused is allowed: people stop for good from a break. */
function retire({ data }: RetireKeyPerson, state: KeyPersonState): KeyPersonEvent[] {
  if (state.status === 'unregistered') throw keyPersonNotFound();
  if (state.status === 'retired') return [];
  rejectIfInvalid(KEY_PERSON_ERRORS.invalidReason, 'retirement', reasonViolations(data.reason));
  return [{ type: 'KeyPersonRetired', data: { keyPersonId: data.keyPersonId, retiredAt: data.at, reason: toOptionalText(data.reason) } }];
}

/**
 * Erasing twice is the same as once. The event carries no personal data; the
 * caller destroys the key person's key right after (crypto-shredding, SPEC §7).
 * Like retiring: proposals awaiting an answer are withdrawn.
 */
function erase({ data }: EraseKeyPerson, state: KeyPersonState): KeyPersonEvent[] {
  if (state.erasedAt !== null) return [];
  // A lost key's erasure (`keys lost --record`) folds a stream whose registration can no longer be read, so it looks
  // unregistered: the operator's command found the registration in the log itself. Any other basis needs the person.
  if (state.status === 'unregistered' && data.basis !== 'data-key-lost') throw keyPersonNotFound();
  return [{ type: 'KeyPersonErased', data: { keyPersonId: data.keyPersonId, erasedAt: data.at, basis: data.basis } }];
}

function requireNotRetired(state: KeyPersonState): void {
  if (state.erasedAt !== null) throw keyPersonErased();
  if (state.status === 'unregistered') throw keyPersonNotFound();
  if (state.status === 'retired') throw keyPersonRetired();
}

/** Profile changes are allowed while paused (a pause is often when details get updated), never after retirement. */
function changeableProfile(state: KeyPersonState): KeyPersonProfile {
  requireNotRetired(state);
  if (state.profile === null) throw keyPersonNotFound();
  return state.profile;
}

export const keyPersonDecider: Decider<KeyPersonCommand, KeyPersonEvent, KeyPersonState> = {
  decide: decideKeyPerson,
  evolve: evolveKeyPerson,
  initialState: initialKeyPersonState,
};
