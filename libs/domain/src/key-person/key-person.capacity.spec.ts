import { fold } from '../decider';
import { DeciderSpecification } from '../decider-specification';
import { KeyPersonCommand } from './key-person.commands';
import { keyPersonDecider } from './key-person.decider';
import {
  KEY_PERSON_ID, LATER, MATCH_IDS, NEWCOMER_ID, capacityReleased, capacityReserved, paused, registered, reservationBarred, retired,
} from './key-person.fixtures';

const spec = () => DeciderSpecification.for(keyPersonDecider);
const ids = { keyPersonId: KEY_PERSON_ID, at: LATER };
const [m1, m2, m3, m4] = MATCH_IDS;

const reserve = (matchId: string = m1): KeyPersonCommand => ({ type: 'ReserveKeyPersonCapacity', data: { ...ids, matchId, newcomerId: NEWCOMER_ID } });
const release = (matchId: string = m1): KeyPersonCommand => ({ type: 'ReleaseKeyPersonCapacity', data: { ...ids, matchId } });
const changeCapacity = (capacity: number): KeyPersonCommand => ({ type: 'ChangeKeyPersonCapacity', data: { ...ids, capacity } });

/** Yonas has capacity 3; these take all three places. */
const full = [registered, capacityReserved(m1), capacityReserved(m2), capacityReserved(m3)];

describe('key person capacity (invariants 1 and 4)', () => {
  describe('reserving a place', () => {
    it('takes a place for the match', () => spec().given([registered]).when(reserve()).then([capacityReserved()]));

    it('takes the last free place', () => spec().given(full.slice(0, 3)).when(reserve(m3)).then([capacityReserved(m3)]));

    it('emits nothing when the same match reserves again, as by a resumed job', () =>
      spec().given([registered, capacityReserved()]).when(reserve()).thenNothing());

    it('emits nothing for a match holding a place even when full', () => spec().given(full).when(reserve(m2)).thenNothing());

    it('refuses when every place is taken', () => spec().given(full).when(reserve(m4)).thenThrows('KEY_PERSON.NO_CAPACITY'));

    it('refuses a paused key person, even for a match reserved before the pause', () => {
      spec().given([registered, paused]).when(reserve()).thenThrows('KEY_PERSON.PAUSED');
      spec().given([registered, capacityReserved(), paused]).when(reserve()).thenThrows('KEY_PERSON.PAUSED');
    });

    it('refuses a retired key person', () => spec().given([registered, retired]).when(reserve()).thenThrows('KEY_PERSON.RETIRED'));

    it('does not find an unknown key person', () => spec().given([]).when(reserve()).thenThrows('KEY_PERSON.NOT_FOUND'));

    it('never takes a place again for a released match, so a stale job cannot leak one', () =>
      spec().given([registered, capacityReserved(), capacityReleased()]).when(reserve()).thenThrows('KEY_PERSON.MATCH_RELEASED'));

    it('never takes a place for a match let go before it took one, so a worker reserving late cannot leak it', () =>
      spec().given([registered, reservationBarred()]).when(reserve()).thenThrows('KEY_PERSON.MATCH_RELEASED'));

    it('takes a place freed by a release', () =>
      spec().given([...full, capacityReleased(m2)]).when(reserve(m4)).then([capacityReserved(m4)]));
  });

  describe('releasing a place', () => {
    it('gives the place back', () => spec().given([registered, capacityReserved()]).when(release()).then([capacityReleased()]));

    it('bars a match that holds no place yet, so it can never take one later', () => {
      spec().given([registered, capacityReserved()]).when(release(m2)).then([reservationBarred(m2)]);
      spec().given([registered, retired]).when(release()).then([reservationBarred()]);
    });

    it('emits nothing for a release repeated, or a match already barred', () => {
      spec().given([registered, capacityReserved(), capacityReleased()]).when(release()).thenNothing();
      spec().given([registered, reservationBarred()]).when(release()).thenNothing();
    });

    it('releases while paused or retired: their open matches still close', () => {
      spec().given([registered, capacityReserved(), paused]).when(release()).then([capacityReleased()]);
      spec().given([registered, capacityReserved(), retired]).when(release()).then([capacityReleased()]);
    });

    it('does not find an unknown key person', () => spec().given([]).when(release()).thenThrows('KEY_PERSON.NOT_FOUND'));
  });

  describe('changing the capacity', () => {
    it('refuses a capacity below the places taken, naming the field', () =>
      spec()
        .given([registered, capacityReserved(m1), capacityReserved(m2)])
        .when(changeCapacity(1))
        .thenThrows('KEY_PERSON.CAPACITY_BELOW_LOAD', [{ field: 'capacity', rule: 'not-below-load' }]));

    it('lowers the capacity to exactly the places taken', () =>
      spec()
        .given([registered, capacityReserved(m1), capacityReserved(m2)])
        .when(changeCapacity(2))
        .then([{ type: 'KeyPersonCapacityChanged', data: { keyPersonId: KEY_PERSON_ID, capacity: 2 } }]));

    it('reports an invalid capacity as invalid input first', () =>
      spec().given(full).when(changeCapacity(0)).thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'capacity', rule: 'range' }]));
  });

  it('folds reservations and releases into the state', () => {
    const state = fold(keyPersonDecider, [...full, capacityReleased(m2)]);
    expect(state.reservations).toStrictEqual([
      { matchId: m1, newcomerId: NEWCOMER_ID, reservedAt: LATER },
      { matchId: m3, newcomerId: NEWCOMER_ID, reservedAt: LATER },
    ]);
    expect(state.releasedMatchIds).toStrictEqual([m2]);
  });

  it('folds a barred match into the released ones without changing the load', () => {
    const state = fold(keyPersonDecider, [registered, capacityReserved(m1), reservationBarred(m2)]);
    expect(state.reservations.map((reservation) => reservation.matchId)).toStrictEqual([m1]);
    expect(state.releasedMatchIds).toStrictEqual([m2]);
  });

  it('treats a release of a match holding no place as a corrupt stream', () =>
    expect(() => fold(keyPersonDecider, [registered, capacityReleased()])).toThrow(/corrupt/));
});
