/**
 * The newcomer aggregate as a decider: registration, profile changes,
 * withdrawal and the newcomer's side of matching. Lifecycle rules live here;
 * each profile change is one function in `newcomer.profile-changes.ts`, each
 * matching step one in `newcomer.matching-decisions.ts`.
 */
import { Decider } from '../decider';
import { assertNever } from '../domain-error';
import { reasonViolations } from '../rules/free-text.rules';
import { toOptionalText } from '../rules/value.rules';
import { rejectIfInvalid } from '../rules/violation';
import { EraseNewcomer, NewcomerCommand, RegisterNewcomer, WithdrawNewcomer } from './newcomer.commands';
import { NEWCOMER_ERRORS, newcomerAlreadyRegistered, newcomerErased, newcomerNotFound, newcomerWithdrawn } from './newcomer.errors';
import { NewcomerEvent } from './newcomer.events';
import { NewcomerProfile, newcomerProfileViolations, toNewcomerProfile } from './newcomer.profile';
import * as matching from './newcomer.matching-decisions';
import * as changes from './newcomer.profile-changes';
import { NewcomerState, evolveNewcomer, initialNewcomerState } from './newcomer.state';

export function decideNewcomer(command: NewcomerCommand, state: NewcomerState): NewcomerEvent[] {
  switch (command.type) {
    case 'RegisterNewcomer':
      return register(command, state);
    case 'WithdrawNewcomer':
      return withdraw(command, state);
    case 'EraseNewcomer':
      return erase(command, state);
    case 'ChangeNewcomerPersonalDetails':
      return changes.changePersonalDetails(command, changeableProfile(state));
    case 'ChangeNewcomerResidence':
      return changes.changeResidence(command, changeableProfile(state));
    case 'ChangeNewcomerContact':
      return changes.changeContact(command, changeableProfile(state));
    case 'ChangeNewcomerLanguages':
      return changes.changeLanguages(command, changeableProfile(state));
    case 'ChangeNewcomerOrigin':
      return changes.changeOrigin(command, changeableProfile(state));
    case 'ChangeNewcomerNeeds':
      return changes.changeNeeds(command, changeableProfile(state));
    case 'ChangeNewcomerAvailability':
      return changes.changeAvailability(command, changeableProfile(state));
    case 'ChangeNewcomerPreferences':
      return changes.changePreferences(command, changeableProfile(state));
    case 'ChangeNewcomerDoNotMatch':
      return changes.changeDoNotMatch(command, changeableProfile(state));
    case 'ChangeNewcomerNotes':
      return changes.changeNotes(command, changeableProfile(state));
    case 'ReserveNewcomerForMatch':
      return matching.reserveForMatch(command, state);
    case 'ReleaseNewcomerMatch':
      return matching.releaseMatch(command, state);
    case 'RecordNewcomerUnmatched':
      return matching.recordUnmatched(command, state);
    case 'RequestNewcomerMatching':
      return matching.requestMatching(command, state);
    default:
      return assertNever(command);
  }
}

function register({ data }: RegisterNewcomer, state: NewcomerState): NewcomerEvent[] {
  if (state.status !== 'unregistered') throw newcomerAlreadyRegistered();
  rejectIfInvalid(NEWCOMER_ERRORS.invalidProfile, 'newcomer profile', newcomerProfileViolations(data.profile, data.at));
  return [
    { type: 'NewcomerRegistered', data: { newcomerId: data.newcomerId, registeredAt: data.at, profile: toNewcomerProfile(data.profile) } },
  ];
}

/**
 * Withdrawing twice is the same as once: the second time changes nothing.
 * An open match does not stop it; the process manager withdraws that match
 * and releases it here.
 */
function withdraw({ data }: WithdrawNewcomer, state: NewcomerState): NewcomerEvent[] {
  if (state.status === 'unregistered') throw newcomerNotFound();
  if (state.status === 'withdrawn') return [];
  rejectIfInvalid(NEWCOMER_ERRORS.invalidReason, 'withdrawal', reasonViolations(data.reason));
  return [{
    type: 'NewcomerWithdrawn',
    data: { newcomerId: data.newcomerId, withdrawnAt: data.at, reason: toOptionalText(data.reason), openMatchId: state.openMatch?.matchId ?? null },
  }];
}

/**
 * Erasing twice is the same as once. The event carries no personal data; the
 * caller destroys the newcomer's key right after, which makes every earlier
 * event's personal fields unreadable (crypto-shredding, SPEC §7).
 */
function erase({ data }: EraseNewcomer, state: NewcomerState): NewcomerEvent[] {
  if (state.erasedAt !== null) return [];
  // A lost key's erasure (`keys lost --record`) folds a stream whose registration can no longer be read, so it looks
  // unregistered: the operator's command found the registration in the log itself. Any other basis needs the person.
  if (state.status === 'unregistered' && data.basis !== 'data-key-lost') throw newcomerNotFound();
  return [{ type: 'NewcomerErased', data: { newcomerId: data.newcomerId, erasedAt: data.at, basis: data.basis, openMatchId: state.openMatch?.matchId ?? null } }];
}

/** A withdrawn newcomer's profile is frozen: it is kept for the audit trail, not maintained. */
function changeableProfile(state: NewcomerState): NewcomerProfile {
  if (state.erasedAt !== null) throw newcomerErased();
  if (state.status === 'unregistered' || state.profile === null) throw newcomerNotFound();
  if (state.status === 'withdrawn') throw newcomerWithdrawn();
  return state.profile;
}

export const newcomerDecider: Decider<NewcomerCommand, NewcomerEvent, NewcomerState> = {
  decide: decideNewcomer,
  evolve: evolveNewcomer,
  initialState: initialNewcomerState,
};
