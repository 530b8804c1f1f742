/**
 * A key person's capacity (SPEC §4, invariant 1): every open proposal and
 * accepted match holds one reservation on this stream, taken before the
 * proposal is made and given back when it closes, so the expected-revision
 * guard on this one stream keeps racing workers from overbooking.
 *
 * As on the newcomer's stream, a refusal that holds now wins over
 * idempotency: a resumed job that finds the key person paused or retired
 * stops there, even if its reservation was taken before.
 */
import { ReleaseKeyPersonCapacity, ReserveKeyPersonCapacity } from './key-person.commands';
import { keyPersonMatchReleased, keyPersonNoCapacity, keyPersonNotFound, keyPersonPaused, keyPersonRetired } from './key-person.errors';
import { KeyPersonEvent } from './key-person.events';
import { KeyPersonState } from './key-person.state';

/** Places taken: open proposals plus accepted matches. */
export const keyPersonLoad = (state: KeyPersonState): number => state.reservations.length;

export function reserveCapacity({ data }: ReserveKeyPersonCapacity, state: KeyPersonState): KeyPersonEvent[] {
  if (state.status === 'retired') throw keyPersonRetired();
  if (state.status === 'unregistered' || state.profile === null) throw keyPersonNotFound();
  if (state.status === 'paused') throw keyPersonPaused();
  if (state.reservations.some((reservation) => reservation.matchId === data.matchId)) return [];
  if (state.releasedMatchIds.includes(data.matchId)) throw keyPersonMatchReleased();
  if (keyPersonLoad(state) >= state.profile.capacity) throw keyPersonNoCapacity();
  return [
    { type: 'KeyPersonCapacityReserved', data: { keyPersonId: data.keyPersonId, matchId: data.matchId, newcomerId: data.newcomerId, reservedAt: data.at } },
  ];
}

/**
 * Allowed while paused or retired: their open matches still close. A match
 * let go before it took its place is barred instead: the worker between its
 * steps may still reserve it, and if it then died nothing would give the
 * place back (the newcomer no longer holds the match, so no sweep finds it).
 */
export function releaseCapacity({ data }: ReleaseKeyPersonCapacity, state: KeyPersonState): KeyPersonEvent[] {
  if (state.status === 'unregistered') throw keyPersonNotFound();
  const { keyPersonId, matchId, at } = data;
  if (state.reservations.some((reservation) => reservation.matchId === matchId)) {
    return [{ type: 'KeyPersonCapacityReleased', data: { keyPersonId, matchId, releasedAt: at } }];
  }
  if (state.releasedMatchIds.includes(matchId)) return [];
  return [{ type: 'KeyPersonReservationBarred', data: { keyPersonId, matchId, barredAt: at } }];
}
