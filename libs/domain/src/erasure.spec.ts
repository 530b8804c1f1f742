import { DeciderSpecification } from './decider-specification';
import { keyPersonDecider } from './key-person/key-person.decider';
import * as kp from './key-person/key-person.fixtures';
import { newcomerDecider } from './newcomer/newcomer.decider';
import * as nc from './newcomer/newcomer.fixtures';

/** Erasure (SPEC §7): an event of ids, times and a basis code; afterwards nothing personal can be written again. */
describe('erasing a newcomer', () => {
  const spec = () => DeciderSpecification.for(newcomerDecider);
  const erase = { type: 'EraseNewcomer', data: { newcomerId: nc.NEWCOMER_ID, at: nc.LATER, basis: 'data-subject-request' } } as const;
  const erased = (openMatchId: string | null) =>
    ({ type: 'NewcomerErased', data: { newcomerId: nc.NEWCOMER_ID, erasedAt: nc.LATER, basis: 'data-subject-request', openMatchId } }) as const;

  it('records the erasure, naming the open match the settlement must withdraw', () => {
    spec().given([nc.registered]).when(erase).then([erased(null)]);
    spec().given([nc.registered, nc.reservedForMatch()]).when(erase).then([erased(nc.MATCH_ID)]);
    spec().given([nc.registered, nc.withdrawn]).when(erase).then([erased(null)]);
  });

  it('is idempotent, and refuses an unknown newcomer', () => {
    spec().given([nc.registered, erased(null)]).when(erase).thenNothing();
    spec().given([]).when(erase).thenThrows('NEWCOMER.NOT_FOUND');
  });

  it('leaves a withdrawn newcomer without a profile, whose data can never be written again', () => {
    const state = [nc.registered, nc.reservedForMatch(), erased(nc.MATCH_ID)].reduce(newcomerDecider.evolve, newcomerDecider.initialState());
    expect(state).toMatchObject({ status: 'withdrawn', profile: null, erasedAt: nc.LATER, openMatch: { matchId: nc.MATCH_ID } });
    spec().given([nc.registered, erased(null)]).when({ type: 'ChangeNewcomerNotes', data: { newcomerId: nc.NEWCOMER_ID, at: nc.LATER, notes: 'x' } })
      .thenThrows('NEWCOMER.ERASED');
    spec().given([nc.registered, erased(null)]).when({ type: 'RequestNewcomerMatching', data: { newcomerId: nc.NEWCOMER_ID, at: nc.LATER } })
      .thenThrows('NEWCOMER.WITHDRAWN');
  });

  it('records a lost key (data-key-lost) where the registration no longer folds, naming the open match still folded; no other basis', () => {
    const lostKey = { ...erase, data: { ...erase.data, basis: 'data-key-lost' } } as const;
    const recorded = (openMatchId: string | null) => ({ ...erased(openMatchId), data: { ...erased(openMatchId).data, basis: 'data-key-lost' } }) as const;
    // Only the events without personal data fold once the key is gone: here, the match reserved for the newcomer.
    spec().given([nc.reservedForMatch()]).when(lostKey).then([recorded(nc.MATCH_ID)]);
    spec().given([]).when(lostKey).then([recorded(null)]);
    spec().given([nc.reservedForMatch()]).when(erase).thenThrows('NEWCOMER.NOT_FOUND');
    spec().given([recorded(null)]).when(lostKey).thenNothing();
  });

  it('folds from the erasure alone, as a reader does once the personal events are unreadable', () => {
    const state = [erased(null)].reduce(newcomerDecider.evolve, newcomerDecider.initialState());
    expect(state).toMatchObject({ status: 'withdrawn', id: nc.NEWCOMER_ID, erasedAt: nc.LATER });
  });
});

describe('erasing a key person', () => {
  const spec = () => DeciderSpecification.for(keyPersonDecider);
  const erase = { type: 'EraseKeyPerson', data: { keyPersonId: kp.KEY_PERSON_ID, at: kp.LATER, basis: 'retention-ended' } } as const;
  const erased = { type: 'KeyPersonErased', data: { keyPersonId: kp.KEY_PERSON_ID, erasedAt: kp.LATER, basis: 'retention-ended' } } as const;

  it('records the erasure once, and refuses an unknown key person', () => {
    spec().given([kp.registered, kp.paused]).when(erase).then([erased]);
    spec().given([kp.registered, erased]).when(erase).thenNothing();
    spec().given([]).when(erase).thenThrows('KEY_PERSON.NOT_FOUND');
  });

  it('records a lost key (data-key-lost) where the registration no longer folds', () => {
    const lostKey = { ...erase, data: { ...erase.data, basis: 'data-key-lost' } } as const;
    const recorded = { ...erased, data: { ...erased.data, basis: 'data-key-lost' } } as const;
    spec().given([]).when(lostKey).then([recorded]);
    spec().given([recorded]).when(lostKey).thenNothing();
  });

  it('retires the key person without a profile: no new places, no changes', () => {
    const state = [kp.registered, erased].reduce(keyPersonDecider.evolve, keyPersonDecider.initialState());
    expect(state).toMatchObject({ status: 'retired', profile: null, erasedAt: kp.LATER });
    spec().given([kp.registered, erased])
      .when({ type: 'ReserveKeyPersonCapacity', data: { keyPersonId: kp.KEY_PERSON_ID, at: kp.LATER, matchId: nc.MATCH_ID, newcomerId: nc.NEWCOMER_ID } })
      .thenThrows('KEY_PERSON.RETIRED');
    spec().given([kp.registered, erased]).when({ type: 'ChangeKeyPersonCapacity', data: { keyPersonId: kp.KEY_PERSON_ID, at: kp.LATER, capacity: 2 } })
      .thenThrows('KEY_PERSON.ERASED');
  });
});
