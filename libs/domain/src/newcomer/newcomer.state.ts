/** A newcomer as the decider needs to know it, folded from the stream's events. */
import { assertNever } from '../domain-error';
import { NewcomerEvent, NewcomerMatchReleased, NewcomerMatchReserved } from './newcomer.events';
import { OpenMatch, RecordedDeferral } from './newcomer.matching';
import { NewcomerProfile, personalDetailsOf, residenceOf } from './newcomer.profile';

export type NewcomerStatus = 'unregistered' | 'active' | 'withdrawn';

export interface NewcomerState {
  readonly status: NewcomerStatus;
  readonly id: string | null;
  readonly profile: NewcomerProfile | null;
  readonly registeredAt: string | null;
  /**
   * When the newcomer last started waiting for a match (SPEC §5's waiting
   * component and cohort bonus): registration, or the request that put them
   * back in line after a match ended. A release as failed, cancelled or
   * withdrawn leaves it as it is: they never stopped waiting, and a rejection,
   * decline or expiry must not cost them their place in line. An accepted
   * match withdrawn under them (the key person's erasure) restarts it at the
   * release (`NewcomerMatchReleased.waitStartedAt`, version 2).
   * Null before registration.
   */
  readonly waitingSince: string | null;
  readonly withdrawnAt: string | null;
  /** Set once the personal data was erased: the newcomer is then withdrawn, with no profile. */
  readonly erasedAt: string | null;
  /**
   * The proposal or accepted match the newcomer is held for (SPEC §4, invariant 2).
   * Whether it is proposed, approved or accepted is known on the match's stream only.
   */
  readonly openMatch: OpenMatch | null;
  /** Key persons of rejected, declined or expired matches: never again (invariant 3). */
  readonly failedKeyPersonIds: readonly string[];
  /** Every match ever released, so a stale or repeated reservation of one cannot reopen it. */
  readonly releasedMatchIds: readonly string[];
  /**
   * The deferral on record: why an attempt found nobody, as things stood at
   * its `deferredAt` (a look at the waiting list that finds nobody again
   * under the same policy records nothing); `null` once a match has been
   * reserved or requested since.
   */
  readonly lastDeferral: RecordedDeferral | null;
  /**
   * The last match ended (completed or ended early) and nobody has asked for
   * matching since: SPEC §4 matches a newcomer again by itself only after a
   * rejection, decline or expiry. A match request (`RequestNewcomerMatching`) clears it.
   */
  readonly matchEnded: boolean;
}

export const initialNewcomerState = (): NewcomerState => ({
  status: 'unregistered',
  id: null,
  profile: null,
  registeredAt: null,
  waitingSince: null,
  withdrawnAt: null,
  erasedAt: null,
  openMatch: null,
  failedKeyPersonIds: [],
  releasedMatchIds: [],
  lastDeferral: null,
  matchEnded: false,
});

/** Active, without an open proposal or match, and not done with matching: whom the matcher should find someone for. */
export const isWaitingForMatch = (state: NewcomerState): boolean => state.status === 'active' && state.openMatch === null && !state.matchEnded;

export function evolveNewcomer(state: NewcomerState, event: NewcomerEvent): NewcomerState {
  switch (event.type) {
    case 'NewcomerRegistered': {
      const { newcomerId, profile, registeredAt } = event.data;
      return { ...state, status: 'active', id: newcomerId, profile, registeredAt, waitingSince: registeredAt };
    }
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
    case 'NewcomerErased': {
      const { newcomerId, erasedAt } = event.data;
      return { ...state, status: 'withdrawn', id: newcomerId, profile: null, withdrawnAt: state.withdrawnAt ?? erasedAt, erasedAt };
    }
    case 'NewcomerMatchReserved':
      return reserved(state, event);
    case 'NewcomerMatchReleased':
      return released(state, event);
    case 'NewcomerMatchingDeferred': {
      const { policyVersion, considered, excluded, deferredAt } = event.data;
      return { ...state, lastDeferral: { policyVersion, considered, excluded, deferredAt } };
    }
    case 'NewcomerMatchingRequested':
      // A fresh request deserves a fresh answer, even if it is the same deferral as before; after an ended match, it is the way back in line.
      // The wait restarts only where the event says so: the decider decides, and a version-1 request (null) keeps folding as it always did.
      return { ...state, lastDeferral: null, matchEnded: false, waitingSince: event.data.waitStartedAt ?? state.waitingSince };
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

function reserved(state: NewcomerState, { type, data }: NewcomerMatchReserved): NewcomerState {
  if (state.openMatch !== null) throw new Error(`${type} while another match is open: the stream is corrupt`);
  return { ...state, openMatch: { matchId: data.matchId, keyPersonId: data.keyPersonId, reservedAt: data.reservedAt }, lastDeferral: null };
}

function released(state: NewcomerState, { type, data }: NewcomerMatchReleased): NewcomerState {
  const failed = data.outcome === 'failed' && !state.failedKeyPersonIds.includes(data.keyPersonId);
  if (state.openMatch?.matchId !== data.matchId) {
    // A failed match released before (`barAfterRelease`): it bars its key person and changes nothing else. Streams
    // written before 2026-11-30 have no such event (the decider never emitted one), so they fold as they did.
    if (data.outcome !== 'failed' || !state.releasedMatchIds.includes(data.matchId)) throw new Error(`${type} for a match that is not open: the stream is corrupt`);
    return failed ? { ...state, failedKeyPersonIds: [...state.failedKeyPersonIds, data.keyPersonId] } : state;
  }
  return {
    ...state,
    openMatch: null,
    releasedMatchIds: [...state.releasedMatchIds, data.matchId],
    failedKeyPersonIds: failed ? [...state.failedKeyPersonIds, data.keyPersonId] : state.failedKeyPersonIds,
    matchEnded: data.outcome === 'ended',
    // Version 1 of the event said nothing of it (null): the wait stays where it was, as it always did then.
    waitingSince: data.waitStartedAt ?? state.waitingSince,
  };
}
