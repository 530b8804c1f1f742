import { DeciderSpecification } from '../decider-specification';
import { fold } from '../decider';
import { NewcomerCommand, RecordNewcomerUnmatched } from './newcomer.commands';
import { newcomerDecider } from './newcomer.decider';
import { NewcomerEvent } from './newcomer.events';
import {
  KEY_PERSON_ID, LATER, MATCH_ID, MONTHS_LATER, NEWCOMER_ID, OTHER_KEY_PERSON_ID, OTHER_MATCH_ID, REGISTERED_AT, amalProfile, matchReleased,
  matchingRequested, registered, reservedForMatch, withdrawn,
} from './newcomer.fixtures';
import { NewcomerMatchOutcome } from './newcomer.matching';
import { isWaitingForMatch } from './newcomer.state';
import { newcomerMatchReleasedV1, newcomerMatchingRequestedV1 } from './newcomer.upcasters';

const spec = () => DeciderSpecification.for(newcomerDecider);
const ids = { newcomerId: NEWCOMER_ID, at: LATER };

const reserve = (matchId = MATCH_ID, keyPersonId = KEY_PERSON_ID): NewcomerCommand => ({
  type: 'ReserveNewcomerForMatch',
  data: { ...ids, matchId, keyPersonId },
});
const release = (outcome: NewcomerMatchOutcome, matchId = MATCH_ID): NewcomerCommand => ({
  type: 'ReleaseNewcomerMatch',
  data: { ...ids, matchId, outcome },
});
/** A release as the settlement makes it, naming the match's key person. */
const releaseNaming = (outcome: NewcomerMatchOutcome, matchId: string, keyPersonId: string): NewcomerCommand => ({
  type: 'ReleaseNewcomerMatch',
  data: { ...ids, matchId, outcome, keyPersonId },
});
const unmatched = (deferral: Partial<RecordNewcomerUnmatched['data']> = {}): RecordNewcomerUnmatched => ({
  type: 'RecordNewcomerUnmatched',
  data: { ...ids, policyVersion: 1, considered: 12, excluded: { 'no-capacity': 9, 'no-shared-language': 3 }, ...deferral },
});
const deferred = (command: RecordNewcomerUnmatched): NewcomerEvent => {
  const { at, retry: _retry, ...data } = command.data;
  return { type: 'NewcomerMatchingDeferred', data: { ...data, deferredAt: at } };
};
/** The same command, found on a look at the waiting list. */
const onRetry = (command: RecordNewcomerUnmatched): RecordNewcomerUnmatched => ({ ...command, data: { ...command.data, retry: true } });
const withDoNotMatch = (keyPersonIds: string[]): NewcomerEvent => ({
  type: 'NewcomerDoNotMatchChanged',
  data: { newcomerId: NEWCOMER_ID, keyPersonIds },
});

describe('newcomer matching', () => {
  describe('reserving for a match (invariants 2, 3, 4)', () => {
    it('holds an active newcomer for the match with its key person', () =>
      spec().given([registered]).when(reserve()).then([reservedForMatch()]));

    it('emits nothing when the same reservation is repeated, as by a resumed job', () =>
      spec().given([registered, reservedForMatch()]).when(reserve()).thenNothing());

    it('refuses a second match while one is open', () =>
      spec().given([registered, reservedForMatch()]).when(reserve(OTHER_MATCH_ID, OTHER_KEY_PERSON_ID)).thenThrows('NEWCOMER.ALREADY_MATCHING'));

    it('refuses the open match with another key person', () =>
      spec().given([registered, reservedForMatch()]).when(reserve(MATCH_ID, OTHER_KEY_PERSON_ID)).thenThrows('NEWCOMER.ALREADY_MATCHING'));

    it('does not find an unknown newcomer', () => spec().given([]).when(reserve()).thenThrows('NEWCOMER.NOT_FOUND'));

    it('refuses a withdrawn newcomer', () => spec().given([registered, withdrawn]).when(reserve()).thenThrows('NEWCOMER.WITHDRAWN'));

    it('stops a resumed job once the newcomer is withdrawn, though the reservation is still open', () =>
      spec().given([registered, reservedForMatch(), withdrawn]).when(reserve()).thenThrows('NEWCOMER.WITHDRAWN'));

    it('refuses a key person on the do-not-match list, whatever the case of the id', () => {
      spec().given([registered, withDoNotMatch([KEY_PERSON_ID])]).when(reserve()).thenThrows('NEWCOMER.DO_NOT_MATCH');
      spec().given([registered, withDoNotMatch([KEY_PERSON_ID])]).when(reserve(MATCH_ID, KEY_PERSON_ID.toUpperCase())).thenThrows('NEWCOMER.DO_NOT_MATCH');
    });

    it('stops a resumed job once the key person is put on the do-not-match list', () =>
      spec().given([registered, reservedForMatch(), withDoNotMatch([KEY_PERSON_ID])]).when(reserve()).thenThrows('NEWCOMER.DO_NOT_MATCH'));

    it('refuses a key person whose match with the newcomer failed (rejected, declined or expired)', () =>
      spec().given([registered, reservedForMatch(), matchReleased('failed')]).when(reserve(OTHER_MATCH_ID)).thenThrows('NEWCOMER.PAIR_FAILED_BEFORE'));

    it.each(['cancelled', 'withdrawn'] as const)('pairs the same key person again after a match %s', (outcome) =>
      spec()
        .given([registered, reservedForMatch(), matchReleased(outcome)])
        .when(reserve(OTHER_MATCH_ID))
        .then([reservedForMatch(OTHER_MATCH_ID)]));

    it('matches nobody after a match ended (completed or early) until matching is asked for again (SPEC §4)', () => {
      const requested = matchingRequested(LATER);
      spec().given([registered, reservedForMatch(), matchReleased('ended')]).when(reserve(OTHER_MATCH_ID)).thenThrows('NEWCOMER.MATCH_ENDED');
      spec().given([registered, reservedForMatch(), matchReleased('ended')]).when(unmatched()).thenThrows('NEWCOMER.MATCH_ENDED');
      spec().given([registered, reservedForMatch(), matchReleased('ended'), requested]).when(reserve(OTHER_MATCH_ID)).then([reservedForMatch(OTHER_MATCH_ID)]);
      // Ended is not failed: asked again, the same key person may be proposed.
      expect(fold(newcomerDecider, [registered, reservedForMatch(), matchReleased('ended'), requested])).toMatchObject({ failedKeyPersonIds: [], matchEnded: false });
      expect(isWaitingForMatch(fold(newcomerDecider, [registered, reservedForMatch(), matchReleased('ended')]))).toBe(false);
      expect(isWaitingForMatch(fold(newcomerDecider, [registered, reservedForMatch(), matchReleased('failed')]))).toBe(true);
    });

    it('never reopens a released match, so a stale job cannot revive it', () =>
      spec().given([registered, reservedForMatch(), matchReleased('ended')]).when(reserve()).thenThrows('NEWCOMER.MATCH_RELEASED'));

    it('reserves another key person after a failed match', () =>
      spec()
        .given([registered, reservedForMatch(), matchReleased('failed')])
        .when(reserve(OTHER_MATCH_ID, OTHER_KEY_PERSON_ID))
        .then([reservedForMatch(OTHER_MATCH_ID, OTHER_KEY_PERSON_ID)]));
  });

  describe('releasing the match', () => {
    it.each(['failed', 'ended', 'cancelled', 'withdrawn'] as const)('releases the open match as %s, naming its key person', (outcome) =>
      spec().given([registered, reservedForMatch()]).when(release(outcome)).then([matchReleased(outcome)]));

    it('emits nothing for a match that is not the open one', () => {
      spec().given([registered]).when(release('failed')).thenNothing();
      spec().given([registered, reservedForMatch()]).when(release('failed', OTHER_MATCH_ID)).thenNothing();
    });

    it('emits nothing when the release is repeated', () =>
      spec().given([registered, reservedForMatch(), matchReleased('failed')]).when(release('failed')).thenNothing());

    it('releases after the newcomer was withdrawn, as withdrawal requires', () =>
      spec().given([registered, reservedForMatch(), withdrawn]).when(release('withdrawn')).then([matchReleased('withdrawn')]));

    it('does not find an unknown newcomer', () => spec().given([]).when(release('failed')).thenThrows('NEWCOMER.NOT_FOUND'));

    it('refuses a release of the open match that names another key person', () =>
      spec().given([registered, reservedForMatch()]).when(releaseNaming('failed', MATCH_ID, OTHER_KEY_PERSON_ID)).thenThrows('NEWCOMER.MATCH_KEY_PERSON_MISMATCH'));

    describe('a failed match the newcomer had let go of already (an orphan proposal of a race, then rejected: invariant 3)', () => {
      /** M1 with K1 cancelled while a slow worker proposed it; the newcomer now holds M2 with K2. */
      const orphaned = [registered, reservedForMatch(), matchReleased('cancelled'), reservedForMatch(OTHER_MATCH_ID, OTHER_KEY_PERSON_ID)];

      it('bars its key person, leaving the open match as it is; repeated, nothing', () => {
        spec().given(orphaned).when(releaseNaming('failed', MATCH_ID, KEY_PERSON_ID)).then([matchReleased('failed')]);
        spec().given([...orphaned, matchReleased('failed')]).when(releaseNaming('failed', MATCH_ID, KEY_PERSON_ID)).thenNothing();
        expect(fold(newcomerDecider, [...orphaned, matchReleased('failed')])).toMatchObject({
          openMatch: { matchId: OTHER_MATCH_ID, keyPersonId: OTHER_KEY_PERSON_ID },
          failedKeyPersonIds: [KEY_PERSON_ID],
          releasedMatchIds: [MATCH_ID],
          matchEnded: false,
        });
      });

      it('bars them when no match is open, and after an ended match without taking the newcomer back into line', () => {
        const waiting = [registered, reservedForMatch(), matchReleased('cancelled')];
        spec().given(waiting).when(releaseNaming('failed', MATCH_ID, KEY_PERSON_ID)).then([matchReleased('failed')]);
        spec().given([...waiting, matchReleased('failed')]).when(reserve(OTHER_MATCH_ID, KEY_PERSON_ID)).thenThrows('NEWCOMER.PAIR_FAILED_BEFORE');
        const ended = [...orphaned, matchReleased('ended', OTHER_MATCH_ID, OTHER_KEY_PERSON_ID), matchReleased('failed')];
        expect(fold(newcomerDecider, ended)).toMatchObject({ openMatch: null, matchEnded: true, failedKeyPersonIds: [KEY_PERSON_ID] });
      });

      it('bars nobody for another outcome, a match never held, or a release that does not name the key person', () => {
        spec().given(orphaned).when(releaseNaming('withdrawn', MATCH_ID, KEY_PERSON_ID)).thenNothing();
        spec().given(orphaned).when(releaseNaming('failed', 'c0ffee00-0000-4000-8000-000000000009', KEY_PERSON_ID)).thenNothing();
        spec().given(orphaned).when(release('failed')).thenNothing();
      });

      it('folds a stream in which the only releases are of the open match as before', () =>
        expect(fold(newcomerDecider, [registered, reservedForMatch(), matchReleased('failed', MATCH_ID, KEY_PERSON_ID)])).toMatchObject({
          openMatch: null, failedKeyPersonIds: [KEY_PERSON_ID], releasedMatchIds: [MATCH_ID],
        }));
    });
  });

  describe('recording why nobody was found', () => {
    it('records the policy version and the counts', () => spec().given([registered]).when(unmatched()).then([deferred(unmatched())]));

    it('emits nothing when a retry finds the same reasons, in whatever key order', () =>
      spec()
        .given([registered, deferred(unmatched())])
        .when(unmatched({ excluded: { 'no-shared-language': 3, 'no-capacity': 9 } }))
        .thenNothing());

    it('records changed reasons or a new policy version', () => {
      const fewer = unmatched({ excluded: { 'no-capacity': 8, 'no-shared-language': 3 } });
      spec().given([registered, deferred(unmatched())]).when(fewer).then([deferred(fewer)]);
      spec().given([registered, deferred(unmatched())]).when(unmatched({ policyVersion: 2 })).then([deferred(unmatched({ policyVersion: 2 }))]);
    });

    it('records the same reasons again when a match was opened since', () =>
      spec()
        .given([registered, deferred(unmatched()), reservedForMatch(), matchReleased('failed')])
        .when(unmatched())
        .then([deferred(unmatched())]));

    it('refuses while a match is open', () =>
      spec().given([registered, reservedForMatch()]).when(unmatched()).thenThrows('NEWCOMER.ALREADY_MATCHING'));

    describe('on a look at the waiting list (a key person, a place or the policy changed)', () => {
      const moreKeyPersons = unmatched({ considered: 40, excluded: { 'no-capacity': 11, 'no-shared-language': 29 } });

      it('adds nothing under the policy of the deferral on record, whatever the counts now', () =>
        spec().given([registered, deferred(unmatched())]).when(onRetry(moreKeyPersons)).thenNothing());

      it('records under a new policy version', () => {
        const newPolicy = unmatched({ policyVersion: 2 });
        spec().given([registered, deferred(unmatched())]).when(onRetry(newPolicy)).then([deferred(newPolicy)]);
      });

      it('records when no deferral is on record: the first, or the first since a reservation or a request', () => {
        spec().given([registered]).when(onRetry(moreKeyPersons)).then([deferred(moreKeyPersons)]);
        spec().given([registered, deferred(unmatched()), reservedForMatch(), matchReleased('cancelled')]).when(onRetry(moreKeyPersons)).then([deferred(moreKeyPersons)]);
        spec().given([registered, deferred(unmatched()), matchingRequested(null, LATER)]).when(onRetry(moreKeyPersons)).then([deferred(moreKeyPersons)]);
      });

      it('still refuses bad counts, and a withdrawn newcomer', () => {
        spec().given([registered, deferred(unmatched())]).when(onRetry(unmatched({ considered: -1, excluded: {} }))).thenThrows('NEWCOMER.INVALID_DEFERRAL', [{ field: 'considered', rule: 'range' }]);
        spec().given([registered, deferred(unmatched()), withdrawn]).when(onRetry(moreKeyPersons)).thenThrows('NEWCOMER.WITHDRAWN');
      });

      it('leaves a request of the newcomer\'s own recording changed counts', () =>
        spec().given([registered, deferred(unmatched())]).when(moreKeyPersons).then([deferred(moreKeyPersons)]));
    });

    it('keeps the deferral on record with the time it was recorded', () => {
      const state = fold(newcomerDecider, [registered, deferred(unmatched()), deferred(unmatched({ policyVersion: 2, at: MONTHS_LATER }))]);
      expect(state.lastDeferral).toStrictEqual({ policyVersion: 2, considered: 12, excluded: { 'no-capacity': 9, 'no-shared-language': 3 }, deferredAt: MONTHS_LATER });
    });

    it('refuses a withdrawn or unknown newcomer', () => {
      spec().given([registered, withdrawn]).when(unmatched()).thenThrows('NEWCOMER.WITHDRAWN');
      spec().given([]).when(unmatched()).thenThrows('NEWCOMER.NOT_FOUND');
    });

    it('names every bad count, and reasons that are not codes', () =>
      spec()
        .given([registered])
        .when(unmatched({ policyVersion: 0, considered: 2.5, excluded: { 'no-capacity': -1, 'Amal Haddad': 1 } }))
        .thenThrows('NEWCOMER.INVALID_DEFERRAL', [
          { field: 'policyVersion', rule: 'range' },
          { field: 'considered', rule: 'integer' },
          { field: 'excluded.no-capacity', rule: 'range' },
          { field: 'excluded.Amal Haddad', rule: 'type' },
        ]));

    it('refuses more exclusions than key persons considered', () =>
      spec().given([registered]).when(unmatched({ considered: 11 })).thenThrows('NEWCOMER.INVALID_DEFERRAL', [{ field: 'excluded', rule: 'range' }]));
  });

  it('still withdraws a newcomer with an open match: the process manager then withdraws the match', () =>
    spec().given([registered, reservedForMatch()]).when({ type: 'WithdrawNewcomer', data: { ...ids, reason: null } })
      .then([{ ...withdrawn, data: { ...withdrawn.data, openMatchId: MATCH_ID } }]));

  it('folds the matching events into the state', () => {
    const history = [registered, deferred(unmatched()), reservedForMatch(), matchReleased('failed'), reservedForMatch(OTHER_MATCH_ID, OTHER_KEY_PERSON_ID)];
    const state = fold(newcomerDecider, history);
    expect(state).toStrictEqual({
      status: 'active',
      id: NEWCOMER_ID,
      profile: amalProfile,
      registeredAt: registered.data.registeredAt,
      waitingSince: registered.data.registeredAt,
      withdrawnAt: null,
      erasedAt: null,
      openMatch: { matchId: OTHER_MATCH_ID, keyPersonId: OTHER_KEY_PERSON_ID, reservedAt: LATER },
      failedKeyPersonIds: [KEY_PERSON_ID],
      releasedMatchIds: [MATCH_ID],
      lastDeferral: null,
      matchEnded: false,
    });
  });

  it('treats a release of a match that is not open as a corrupt stream, unless it bars the key person of a failed match released before', () => {
    expect(() => fold(newcomerDecider, [registered, matchReleased('failed')])).toThrow(/corrupt/);
    expect(() => fold(newcomerDecider, [registered, reservedForMatch(), matchReleased('cancelled'), matchReleased('ended')])).toThrow(/corrupt/);
  });

  describe('asking for matching again', () => {
    const request: NewcomerCommand = { type: 'RequestNewcomerMatching', data: ids };
    const requested = matchingRequested(null, LATER);

    it('records the request of a waiting newcomer', () => spec().given([registered]).when(request).then([requested]));

    it('records every request: each is a cause the matcher answers', () =>
      spec().given([registered, requested]).when(request).then([requested]));

    it('refuses while a match is open, for a withdrawn or an unknown newcomer', () => {
      spec().given([registered, reservedForMatch()]).when(request).thenThrows('NEWCOMER.ALREADY_MATCHING');
      spec().given([registered, withdrawn]).when(request).thenThrows('NEWCOMER.WITHDRAWN');
      spec().given([]).when(request).thenThrows('NEWCOMER.NOT_FOUND');
    });

    it('lets the next deferral be recorded again, even when its reasons are the same', () => {
      const command = unmatched();
      spec().given([registered, deferred(command), requested]).when(command).then([deferred(command)]);
    });
  });

  describe('how long the newcomer has been waiting (SPEC §5: the waiting component and the cohort bonus)', () => {
    const requestAt = (at: string): NewcomerCommand => ({ type: 'RequestNewcomerMatching', data: { newcomerId: NEWCOMER_ID, at } });
    const waitingSince = (events: NewcomerEvent[]) => fold(newcomerDecider, events).waitingSince;
    const ended = [registered, reservedForMatch(), matchReleased('ended')];

    it('waits from registration', () => {
      expect(waitingSince([registered])).toBe(REGISTERED_AT);
      expect(waitingSince([])).toBeNull();
    });

    it('starts a new wait when matching is asked for after a match ended: the months in the match were not waiting', () => {
      spec().given(ended).when(requestAt(MONTHS_LATER)).then([matchingRequested(MONTHS_LATER)]);
      expect(waitingSince([...ended, matchingRequested(MONTHS_LATER)])).toBe(MONTHS_LATER);
      // And keeps it through a proposal that then fails: still the same wait.
      expect(waitingSince([...ended, matchingRequested(MONTHS_LATER), reservedForMatch(OTHER_MATCH_ID), matchReleased('failed', OTHER_MATCH_ID)])).toBe(MONTHS_LATER);
    });

    it.each(['failed', 'cancelled', 'withdrawn'] as const)(
      'keeps counting from registration after a proposal %s before acceptance, and a request then does not start over',
      (outcome) => {
        const released = [registered, reservedForMatch(), matchReleased(outcome)];
        expect(waitingSince(released)).toBe(REGISTERED_AT);
        spec().given(released).when(requestAt(MONTHS_LATER)).then([matchingRequested(null, MONTHS_LATER)]);
        expect(waitingSince([...released, matchingRequested(null, MONTHS_LATER)])).toBe(REGISTERED_AT);
      },
    );

    it('starts a new wait when an accepted match is withdrawn under the newcomer (their key person was erased), not when a proposal is', () => {
      const release = (wasAccepted: boolean): NewcomerCommand => ({ type: 'ReleaseNewcomerMatch', data: { newcomerId: NEWCOMER_ID, at: LATER, matchId: MATCH_ID, outcome: 'withdrawn', wasAccepted } });
      const open = [registered, reservedForMatch()];
      spec().given(open).when(release(true)).then([matchReleased('withdrawn', MATCH_ID, KEY_PERSON_ID, LATER)]);
      expect(waitingSince([...open, matchReleased('withdrawn', MATCH_ID, KEY_PERSON_ID, LATER)])).toBe(LATER);
      spec().given(open).when(release(false)).then([matchReleased('withdrawn')]);
      expect(waitingSince([...open, matchReleased('withdrawn')])).toBe(REGISTERED_AT);
    });

    it('folds a release stored before this was recorded (schema version 1) as it was folded then', () => {
      const v1 = newcomerMatchReleasedV1.upcast({ newcomerId: NEWCOMER_ID, matchId: MATCH_ID, keyPersonId: KEY_PERSON_ID, outcome: 'withdrawn', releasedAt: LATER });
      expect(v1).toMatchObject({ waitStartedAt: null });
      expect(waitingSince([registered, reservedForMatch(), { type: 'NewcomerMatchReleased', data: v1 } as NewcomerEvent])).toBe(REGISTERED_AT);
    });

    it('keeps the wait a request started when matching is asked for again', () => {
      const restarted = [...ended, matchingRequested(LATER)];
      spec().given(restarted).when(requestAt(MONTHS_LATER)).then([matchingRequested(null, MONTHS_LATER)]);
      expect(waitingSince([...restarted, matchingRequested(null, MONTHS_LATER)])).toBe(LATER);
    });

    it('folds a request stored before this was recorded (schema version 1) as it was folded then: waiting since registration (invariant 7)', () => {
      const v1 = newcomerMatchingRequestedV1.upcast({ newcomerId: NEWCOMER_ID, requestedAt: MONTHS_LATER });
      expect(v1).toEqual({ newcomerId: NEWCOMER_ID, requestedAt: MONTHS_LATER, waitStartedAt: null });
      const history = [...ended, { type: 'NewcomerMatchingRequested', data: v1 } as NewcomerEvent];
      expect(fold(newcomerDecider, history)).toMatchObject({ matchEnded: false, registeredAt: REGISTERED_AT, waitingSince: REGISTERED_AT });
    });
  });
});

