/**
 * Properties of the newcomer's side of matching over any sequence of
 * reserving, releasing (with any outcome), deferring, do-not-match changes
 * and withdrawal. Read off the event log, not the state, so the properties
 * hold for what is stored: at most one match is open at a time (SPEC §4,
 * invariant 2), a pair that failed or is on the do-not-match list is never
 * reserved (invariant 3), a withdrawn newcomer is never reserved
 * (invariant 4), and a released match is never reserved again; and that
 * waiting restarts exactly at a request that follows an ended match.
 */
import fc from 'fast-check';
import { fold } from '../decider';
import { DomainError } from '../domain-error';
import { NewcomerCommand } from './newcomer.commands';
import { newcomerDecider } from './newcomer.decider';
import { NewcomerEvent } from './newcomer.events';
import { KEY_PERSON_ID, MATCH_ID, NEWCOMER_ID, OTHER_KEY_PERSON_ID, OTHER_MATCH_ID, registered } from './newcomer.fixtures';
import { NEWCOMER_MATCH_OUTCOMES } from './newcomer.matching';

const ids = { newcomerId: NEWCOMER_ID, at: '2026-12-05T10:00:00.000Z' };
const keyPersonId = fc.constantFrom(KEY_PERSON_ID, OTHER_KEY_PERSON_ID, 'c0ffee00-0000-4000-8000-0000000000a1');
const matchId = fc.constantFrom(MATCH_ID, OTHER_MATCH_ID, ...[1, 2, 3, 4].map((n) => `c0ffee00-0000-4000-8000-00000000000${n}`));

const command: fc.Arbitrary<NewcomerCommand> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ matchId, keyPersonId }).map((d): NewcomerCommand => ({ type: 'ReserveNewcomerForMatch', data: { ...ids, ...d } })),
  },
  {
    weight: 6,
    arbitrary: fc
      // The settlement names the match's key person; a caller may not (the proposer's own cancellations).
      .record({ matchId, outcome: fc.constantFrom(...NEWCOMER_MATCH_OUTCOMES), keyPersonId: fc.option(keyPersonId, { nil: undefined }) })
      .map(({ keyPersonId: named, ...d }): NewcomerCommand => ({ type: 'ReleaseNewcomerMatch', data: { ...ids, ...d, ...(named === undefined ? {} : { keyPersonId: named }) } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .uniqueArray(keyPersonId, { maxLength: 2 })
      .map((keyPersonIds): NewcomerCommand => ({ type: 'ChangeNewcomerDoNotMatch', data: { ...ids, keyPersonIds } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ n: fc.integer({ min: 0, max: 3 }), retry: fc.boolean() })
      .map(({ n, retry }): NewcomerCommand => ({ type: 'RecordNewcomerUnmatched', data: { ...ids, policyVersion: 1, considered: n, excluded: { 'no-capacity': n }, retry } })),
  },
  // Rare: withdrawal ends everything, and the sequences should mostly explore matching.
  { weight: 1, arbitrary: fc.constant<NewcomerCommand>({ type: 'WithdrawNewcomer', data: { ...ids, reason: null } }) },
);

/** Any of the above, or a request for matching; each command an hour after the one before, so that times tell the steps apart. */
const REQUEST: NewcomerCommand = { type: 'RequestNewcomerMatching', data: ids };
const hoursLater = (hours: number): string => new Date(Date.parse(ids.at) + hours * 3_600_000).toISOString();
const timedCommands = fc
  .array(fc.oneof({ weight: 6, arbitrary: command }, { weight: 1, arbitrary: fc.constant(REQUEST) }), { maxLength: 60, size: 'max' })
  .map((commands) => commands.map((next, index) => ({ ...next, data: { ...next.data, at: hoursLater(index) } }) as NewcomerCommand));

/** The events of running every command in turn; refusals append nothing. */
function run(commands: readonly NewcomerCommand[]): NewcomerEvent[] {
  return commands.reduce<NewcomerEvent[]>((events, next) => {
    try {
      const emitted = newcomerDecider.decide(next, fold(newcomerDecider, events));
      expect(JSON.parse(JSON.stringify(emitted))).toStrictEqual(emitted);
      return [...events, ...emitted];
    } catch (error: unknown) {
      if (error instanceof DomainError && error.kind === 'conflict') return events;
      throw error;
    }
  }, [registered]);
}

/** Walks the log checking every reservation against what came before it. */
function checkLog(events: readonly NewcomerEvent[]): void {
  let open: string | null = null;
  let doNotMatch: readonly string[] = [];
  let withdrawn = false;
  const failed = new Set<string>();
  const used = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'NewcomerMatchReserved':
        expect(open).toBeNull();
        expect(withdrawn).toBe(false);
        expect(failed.has(event.data.keyPersonId)).toBe(false);
        expect(doNotMatch).not.toContain(event.data.keyPersonId);
        expect(used.has(event.data.matchId)).toBe(false);
        open = event.data.matchId;
        used.add(event.data.matchId);
        break;
      case 'NewcomerMatchReleased':
        if (event.data.matchId === open) {
          open = null;
        } else {
          // Not the open match: a failed match released before, barring its key person (an orphan proposal rejected).
          expect(event.data.outcome).toBe('failed');
          expect(used.has(event.data.matchId)).toBe(true);
          expect(failed.has(event.data.keyPersonId)).toBe(false);
        }
        if (event.data.outcome === 'failed') failed.add(event.data.keyPersonId);
        break;
      case 'NewcomerMatchingDeferred':
        expect(open).toBeNull();
        break;
      case 'NewcomerDoNotMatchChanged':
        doNotMatch = event.data.keyPersonIds;
        break;
      case 'NewcomerWithdrawn':
        withdrawn = true;
        break;
      default:
        break;
    }
  }
}

describe('newcomer matching properties', () => {
  it('keeps at most one match open, never reserves a barred pair, a withdrawn newcomer or a used match', () => {
    fc.assert(fc.property(fc.array(command, { maxLength: 60, size: 'max' }), (commands) => checkLog(run(commands))));
  });

  it('agrees with the log on the open match and the failed key persons', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60, size: 'max' }), (commands) => {
        const events = run(commands);
        const state = fold(newcomerDecider, events);
        const reservations = events.filter((e) => e.type === 'NewcomerMatchReserved');
        const releases = events.filter((e) => e.type === 'NewcomerMatchReleased');
        // A match is released once as the open one, and at most once more as failed to bar its key person.
        const releasedMatches = new Set(releases.map((e) => e.type === 'NewcomerMatchReleased' && e.data.matchId));
        expect(state.openMatch === null).toBe(reservations.length === releasedMatches.size);
        const failed = releases.filter((e) => e.type === 'NewcomerMatchReleased' && e.data.outcome === 'failed').map((e) => e.data.keyPersonId);
        expect([...state.failedKeyPersonIds].sort()).toEqual([...new Set(failed)].sort());
      }),
    );
  });

  it('waits from registration, or from the last request that followed an ended match; nothing else starts a new wait', () => {
    fc.assert(
      fc.property(timedCommands, (commands) => {
        const events = run(commands);
        let ended = false;
        let since: string | null = null;
        const released = new Set<string>();
        for (const event of events) {
          if (event.type === 'NewcomerRegistered') since = event.data.registeredAt;
          // A second release of a match only bars its key person (a failed orphan proposal): the newcomer's match did not end.
          if (event.type === 'NewcomerMatchReleased' && !released.has(event.data.matchId)) ended = event.data.outcome === 'ended';
          if (event.type === 'NewcomerMatchReleased') released.add(event.data.matchId);
          if (event.type === 'NewcomerMatchingRequested') {
            expect(event.data.waitStartedAt).toBe(ended ? event.data.requestedAt : null);
            if (ended) since = event.data.requestedAt;
            ended = false;
          }
        }
        expect(fold(newcomerDecider, events).waitingSince).toBe(since);
      }),
    );
  });

  it('emits nothing when a command that was accepted is repeated, as by a redelivered job', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 20, size: 'max' }), command, (before, repeated) => {
        const events = run(before);
        let first: readonly NewcomerEvent[];
        try {
          first = newcomerDecider.decide(repeated, fold(newcomerDecider, events));
        } catch {
          return; // refused: nothing to repeat
        }
        expect(newcomerDecider.decide(repeated, fold(newcomerDecider, [...events, ...first]))).toEqual([]);
      }),
    );
  });
});
