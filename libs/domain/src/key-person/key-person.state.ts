/**
 * A key person as the decider needs to know it, folded from the stream's
 * events, including the capacity reservations of open proposals and accepted
 * matches (see `key-person.capacity.ts`).
 */
import { assertNever } from '../domain-error';
import { KeyPersonCapacityReleased, KeyPersonEvent } from './key-person.events';
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
  /** Set once the personal data was erased: the key person is then retired, with no profile. */
  readonly erasedAt: string | null;
  /** One per open proposal or accepted match; their number is the load counted against capacity. */
  readonly reservations: readonly CapacityReservation[];
  /** Every match ever released or barred, so a stale or repeated reservation of one cannot take a place (again). */
  readonly releasedMatchIds: readonly string[];
}

export interface CapacityReservation {
  readonly matchId: string;
  readonly newcomerId: string;
  readonly reservedAt: string;
}

export const initialKeyPersonState = (): KeyPersonState => ({
  status: 'unregistered',
  id: null,
  profile: null,
  registeredAt: null,
  pausedAt: null,
  retiredAt: null,
  erasedAt: null,
  reservations: [],
  releasedMatchIds: [],
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
    case 'KeyPersonErased': {
      const { keyPersonId, erasedAt } = event.data;
      return { ...state, status: 'retired', id: keyPersonId, profile: null, pausedAt: null, retiredAt: state.retiredAt ?? erasedAt, erasedAt };
    }
    case 'KeyPersonRetired':
      return { ...state, status: 'retired', pausedAt: null, retiredAt: event.data.retiredAt };
    case 'KeyPersonCapacityReserved': {
      const { matchId, newcomerId, reservedAt } = event.data;
      return { ...state, reservations: [...state.reservations, { matchId, newcomerId, reservedAt }] };
    }
    case 'KeyPersonCapacityReleased':
      return released(state, event);
    case 'KeyPersonReservationBarred':
      return { ...state, releasedMatchIds: [...state.releasedMatchIds, event.data.matchId] };
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

function released(state: KeyPersonState, { type, data }: KeyPersonCapacityReleased): KeyPersonState {
  const reservations = state.reservations.filter((reservation) => reservation.matchId !== data.matchId);
  if (reservations.length === state.reservations.length) throw new Error(`${type} for a match that holds no place: the stream is corrupt`);
  return { ...state, reservations, releasedMatchIds: [...state.releasedMatchIds, data.matchId] };
}
