/**
 * A key person as the decider needs to know it, folded from the stream's events.
 * Capacity reservations for proposals will land on this stream too (guarded by
 * expected revision), adding their own fields here, e.g. `openProposals`.
 */
import { assertNever } from '../domain-error';
import { KeyPersonEvent } from './key-person.events';
import { KeyPersonProfile, personalDetailsOf, residenceOf } from './key-person.profile';

export type KeyPersonStatus = 'unregistered' | 'active' | 'paused' | 'retired';

export interface KeyPersonState {
  readonly status: KeyPersonStatus;
  readonly id: string | null;
  readonly profile: KeyPersonProfile | null;
  readonly registeredAt: string | null;
  /** Set while paused; `null` when active again. */
  readonly pausedAt: string | null;
  readonly retiredAt: string | null;
}

export const initialKeyPersonState = (): KeyPersonState => ({
  status: 'unregistered',
  id: null,
  profile: null,
  registeredAt: null,
  pausedAt: null,
  retiredAt: null,
});

export function evolveKeyPerson(state: KeyPersonState, event: KeyPersonEvent): KeyPersonState {
  switch (event.type) {
    case 'KeyPersonRegistered':
      return { ...state, status: 'active', id: event.data.keyPersonId, profile: event.data.profile, registeredAt: event.data.registeredAt };
    case 'KeyPersonPersonalDetailsChanged':
      return withProfile(state, event.type, personalDetailsOf(event.data));
    case 'KeyPersonResidenceChanged':
      return withProfile(state, event.type, residenceOf(event.data));
    case 'KeyPersonContactChanged':
      return withProfile(state, event.type, { contact: event.data.contact });
    case 'KeyPersonLanguagesChanged':
      return withProfile(state, event.type, { languages: event.data.languages });
    case 'KeyPersonOriginChanged':
      return withProfile(state, event.type, { origin: event.data.origin });
    case 'KeyPersonExpertiseChanged':
      return withProfile(state, event.type, { expertise: event.data.expertise });
    case 'KeyPersonCapacityChanged':
      return withProfile(state, event.type, { capacity: event.data.capacity });
    case 'KeyPersonMonthlyHoursChanged':
      return withProfile(state, event.type, { maxHoursPerMonth: event.data.maxHoursPerMonth });
    case 'KeyPersonAvailabilityChanged':
      return withProfile(state, event.type, { availability: event.data.availability });
    case 'KeyPersonEngagementChanged':
      return withProfile(state, event.type, { engagement: event.data.engagement });
    case 'KeyPersonPaused':
      return { ...state, status: 'paused', pausedAt: event.data.pausedAt };
    case 'KeyPersonResumed':
      return { ...state, status: 'active', pausedAt: null };
    case 'KeyPersonRetired':
      return { ...state, status: 'retired', pausedAt: null, retiredAt: event.data.retiredAt };
    default:
      return assertNever(event);
  }
}

/**
 * The decider never emits a change before the registration, so a stream that
 * has one is corrupt; failing loudly beats folding it into a half profile.
 */
function withProfile(state: KeyPersonState, eventType: string, change: Partial<KeyPersonProfile>): KeyPersonState {
  if (state.profile === null) throw new Error(`${eventType} before KeyPersonRegistered: the stream is corrupt`);
  return { ...state, profile: { ...state.profile, ...change } };
}
