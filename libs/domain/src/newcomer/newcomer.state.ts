/** A newcomer as the decider needs to know it, folded from the stream's events. */
import { assertNever } from '../domain-error';
import { NewcomerEvent } from './newcomer.events';
import { NewcomerProfile, personalDetailsOf, residenceOf } from './newcomer.profile';

export type NewcomerStatus = 'unregistered' | 'active' | 'withdrawn';

export interface NewcomerState {
  readonly status: NewcomerStatus;
  readonly id: string | null;
  readonly profile: NewcomerProfile | null;
  readonly registeredAt: string | null;
  readonly withdrawnAt: string | null;
}

export const initialNewcomerState = (): NewcomerState => ({
  status: 'unregistered',
  id: null,
  profile: null,
  registeredAt: null,
  withdrawnAt: null,
});

export function evolveNewcomer(state: NewcomerState, event: NewcomerEvent): NewcomerState {
  switch (event.type) {
    case 'NewcomerRegistered':
      return { ...state, status: 'active', id: event.data.newcomerId, profile: event.data.profile, registeredAt: event.data.registeredAt };
    case 'NewcomerPersonalDetailsChanged':
      return withProfile(state, event.type, personalDetailsOf(event.data));
    case 'NewcomerResidenceChanged':
      return withProfile(state, event.type, residenceOf(event.data));
    case 'NewcomerContactChanged':
      return withProfile(state, event.type, { contact: event.data.contact });
    case 'NewcomerLanguagesChanged':
      return withProfile(state, event.type, { languages: event.data.languages });
    case 'NewcomerOriginChanged':
      return withProfile(state, event.type, { origin: event.data.origin });
    case 'NewcomerNeedsChanged':
      return withProfile(state, event.type, { needs: event.data.needs });
    case 'NewcomerAvailabilityChanged':
      return withProfile(state, event.type, { availability: event.data.availability });
    case 'NewcomerPreferencesChanged':
      return withProfile(state, event.type, { preferences: event.data.preferences });
    case 'NewcomerDoNotMatchChanged':
      return withProfile(state, event.type, { doNotMatch: event.data.keyPersonIds });
    case 'NewcomerNotesChanged':
      return withProfile(state, event.type, { notes: event.data.notes });
    case 'NewcomerWithdrawn':
      return { ...state, status: 'withdrawn', withdrawnAt: event.data.withdrawnAt };
    default:
      return assertNever(event);
  }
}

/**
 * The decider never emits a change before the registration, so a stream that
 * has one is corrupt; failing loudly beats folding it into a half profile.
 */
function withProfile(state: NewcomerState, eventType: string, change: Partial<NewcomerProfile>): NewcomerState {
  if (state.profile === null) throw new Error(`${eventType} before NewcomerRegistered: the stream is corrupt`);
  return { ...state, profile: { ...state.profile, ...change } };
}
